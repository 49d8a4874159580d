//! The documentation's examples are tests: every ```` ```console ```` block in `README.md` and `docs/*.md` is run
//! against the freshly built binary, so the docs cannot drift from what newsdiff really prints.
//!
//! In a console block, each `$ newsdiff ARGS...` line is a command, and the lines after it, up to the next `$`
//! line or the end of the block, are its expected standard output. The command is run from the repository root
//! with `NO_COLOR=1`, `COLUMNS=80`, two worker threads and no standard input; its arguments are split like a
//! shell would split them (single and double quotes, backslash escapes), but there is no shell: pipes,
//! redirections and `;` are refused, so write examples without them. Output is compared line by line after
//! trimming trailing whitespace (and trailing blank lines). A line of the expected output that is just `...`
//! (indentation allowed) stands for any number of lines, so long outputs can be shortened. Standard error and
//! the exit status are not compared. Only `newsdiff` commands may appear in console blocks; use ```` ```sh ````
//! for anything else.
//!
//! To update the examples after a deliberate change of output, run
//!
//! ```sh
//! NEWSDIFF_BLESS=1 cargo test --release --locked --test readme
//! ```
//!
//! which rewrites the expected output of every failing example in place (keeping `...` elisions where the new
//! output still allows them, otherwise writing the full output), then review the diff with `git diff`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The environment variable that turns failures into rewrites.
const BLESS: &str = "NEWSDIFF_BLESS";

/// One `$ newsdiff ...` line of a console block and the expected output under it.
struct Example {
    /// The file, relative to the repository root.
    file: PathBuf,
    /// 0-based index of the `$` line in the file.
    command_line: usize,
    /// The command as written, without the `$ `.
    command: String,
    /// Lines `[start, end)` of the file holding the expected output.
    expected: (usize, usize),
}

/// The Markdown files whose console blocks are tested: README.md, then docs/*.md in name order.
fn documents(root: &Path) -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .map(|p| p.strip_prefix(root).expect("under the root").to_path_buf())
                .collect()
        })
        .unwrap_or_default();
    docs.sort();
    docs.insert(0, PathBuf::from("README.md"));
    docs
}

/// A fence line: three or more backticks at the start of the line.
fn fence(line: &str) -> Option<&str> {
    line.strip_prefix("```").map(|rest| rest.trim_start_matches('`').trim())
}

/// The examples of one file.
fn examples(file: &Path, lines: &[&str]) -> Vec<Example> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(info) = fence(lines[i]) else {
            i += 1;
            continue;
        };
        // Find the end of this block whatever its language.
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && fence(lines[end]).is_none() {
            end += 1;
        }
        if info == "console" {
            let mut current: Option<Example> = None;
            for (n, line) in lines.iter().enumerate().take(end).skip(start) {
                if let Some(command) = line.strip_prefix("$ ").or_else(|| (*line == "$").then_some("")) {
                    if let Some(mut ex) = current.take() {
                        ex.expected.1 = n;
                        out.push(ex);
                    }
                    let command = command.trim().to_string();
                    assert!(
                        command == "newsdiff" || command.starts_with("newsdiff "),
                        "{}:{}: only `$ newsdiff ...` commands may appear in a console block (use ```sh for \
                         others): {command}",
                        file.display(),
                        n + 1
                    );
                    current =
                        Some(Example { file: file.to_path_buf(), command_line: n, command, expected: (n + 1, n + 1) });
                } else {
                    assert!(
                        current.is_some(),
                        "{}:{}: a console block must start with a `$ newsdiff ...` line",
                        file.display(),
                        n + 1
                    );
                }
            }
            if let Some(mut ex) = current.take() {
                ex.expected.1 = end;
                out.push(ex);
            }
        }
        i = end + 1;
    }
    out
}

/// Splits a command line into words like a POSIX shell: single quotes keep everything, double quotes keep
/// everything but `\"`, `\\`, `\$` and `` \` `` escapes, a backslash outside quotes escapes the next character.
/// Unquoted `|`, `<`, `>`, `;`, `&` are refused: there is no shell to run them.
fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("unterminated single quote".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("unterminated double quote".into()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("unterminated double quote".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.push(chars.next().ok_or("a backslash at the end of the line")?);
            }
            '|' | '<' | '>' | ';' | '&' => {
                return Err(format!("`{c}` needs a shell; examples run without one (quote it if it is an argument)"));
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// Lines with trailing whitespace trimmed and trailing blank lines dropped.
fn normalized_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Is this expected line an elision?
fn is_elision(line: &str) -> bool {
    line.trim() == "..."
}

/// Does `actual` match `expected`, where an elision line matches any number of lines?
fn matches(expected: &[String], actual: &[String]) -> bool {
    // ok[i][j]: expected[i..] matches actual[j..].
    let (n, m) = (expected.len(), actual.len());
    let mut ok = vec![vec![false; m + 1]; n + 1];
    ok[n][m] = true;
    for i in (0..n).rev() {
        for j in (0..=m).rev() {
            ok[i][j] = if is_elision(&expected[i]) {
                ok[i + 1][j] || (j < m && ok[i][j + 1])
            } else {
                j < m && expected[i] == actual[j] && ok[i + 1][j + 1]
            };
        }
    }
    ok[0][0]
}

/// The new expected text for `actual`, keeping the elisions of `expected` where they still fit: lines of the
/// new output that fall where an elision was stay elided, every other line is written out.
fn blessed(expected: &[String], actual: &[String]) -> Vec<String> {
    if !expected.iter().any(|l| is_elision(l)) {
        return actual.to_vec();
    }
    // The explicit lines, and for each gap before explicit line g (g = len: at the end) its elision line, if any
    // (kept as written, indentation included).
    let explicit: Vec<&String> = expected.iter().filter(|l| !is_elision(l)).collect();
    let mut elision: Vec<Option<&String>> = vec![None; explicit.len() + 1];
    let mut g = 0;
    for line in expected {
        if is_elision(line) {
            elision[g].get_or_insert(line);
        } else {
            g += 1;
        }
    }
    let mut consumed = vec![false; elision.len()];
    let mut out: Vec<String> = Vec::new();
    // Writes the elision of gap `g` (once, and never two elisions in a row).
    let elide = |out: &mut Vec<String>, consumed: &mut [bool], g: usize| {
        if let Some(line) = elision[g]
            && !consumed[g]
        {
            consumed[g] = true;
            if out.last().is_none_or(|l| !is_elision(l)) {
                out.push(line.clone());
            }
        }
    };
    let actual_refs: Vec<&String> = actual.iter().collect();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &explicit, &actual_refs) {
        match op {
            similar::DiffOp::Equal { old_index, new_index, len } => {
                for k in 0..len {
                    elide(&mut out, &mut consumed, old_index + k);
                    out.push(actual[new_index + k].clone());
                }
            }
            similar::DiffOp::Delete { old_index, old_len, .. } => {
                for gap in old_index..old_index + old_len {
                    elide(&mut out, &mut consumed, gap);
                }
            }
            similar::DiffOp::Insert { old_index, new_index, new_len } => {
                // New lines that fall where an elision is (or was just written) stay elided.
                elide(&mut out, &mut consumed, old_index);
                if elision[old_index].is_none() || out.last().is_none_or(|l| !is_elision(l)) {
                    out.extend(actual[new_index..new_index + new_len].iter().cloned());
                }
            }
            similar::DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let new = &actual[new_index..new_index + new_len];
                let gaps: Vec<usize> = (old_index..=old_index + old_len).filter(|&g| elision[g].is_some()).collect();
                match (gaps.first(), gaps.last()) {
                    // Explicit lines before the first elision map to the first new lines, those after the last
                    // elision to the last ones; the rest stays elided.
                    (Some(&first), Some(&last)) if new.len() >= (first - old_index) + (old_index + old_len - last) => {
                        let (before, after) = (first - old_index, old_index + old_len - last);
                        out.extend(new[..before].iter().cloned());
                        elide(&mut out, &mut consumed, first);
                        for &g in &gaps {
                            consumed[g] = true;
                        }
                        out.extend(new[new.len() - after..].iter().cloned());
                    }
                    _ => out.extend(new.iter().cloned()),
                }
            }
        }
    }
    elide(&mut out, &mut consumed, explicit.len());
    if matches(&out, actual) { out } else { actual.to_vec() }
}

/// Runs one example; returns its output lines, or a description of what went wrong before any output.
fn run(root: &Path, example: &Example) -> Result<(Vec<String>, String), String> {
    let words = shell_words(&example.command)?;
    let output = Command::new(env!("CARGO_BIN_EXE_newsdiff"))
        .args(&words[1..])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .env("LINES", "24")
        .env("RAYON_NUM_THREADS", "2")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run newsdiff: {e}"))?;
    let stdout = String::from_utf8(output.stdout).map_err(|e| format!("output is not UTF-8: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    Ok((normalized_lines(&stdout), format!("{}; stderr:\n{stderr}", output.status)))
}

#[test]
fn console_examples_in_the_docs_print_what_newsdiff_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var(BLESS).is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let mut count = 0;
    for file in documents(root) {
        let text = std::fs::read_to_string(root.join(&file)).expect("readable doc");
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let found = examples(&file, &lines.iter().map(String::as_str).collect::<Vec<_>>());
        let mut rewrites = Vec::new();
        for example in &found {
            count += 1;
            let place = format!("{}:{}", example.file.display(), example.command_line + 1);
            let (actual, status) = match run(root, example) {
                Ok(result) => result,
                Err(why) => {
                    failures.push(format!("{place}: `{}`: {why}", example.command));
                    continue;
                }
            };
            let expected = normalized_lines(&lines[example.expected.0..example.expected.1].join("\n"));
            if matches(&expected, &actual) {
                continue;
            }
            if bless {
                rewrites.push((example.expected, blessed(&expected, &actual)));
            } else {
                failures.push(format!(
                    "{place}: `{}` printed something else ({status})\n--- expected\n{}\n--- actual\n{}\n",
                    example.command,
                    expected.join("\n"),
                    actual.join("\n")
                ));
            }
        }
        if !rewrites.is_empty() {
            // From the bottom up, so earlier line numbers stay valid.
            for ((start, end), new) in rewrites.into_iter().rev() {
                lines.splice(start..end, new);
            }
            let mut new_text = lines.join("\n");
            if text.ends_with('\n') {
                new_text.push('\n');
            }
            std::fs::write(root.join(&file), new_text).expect("writable doc");
            eprintln!("{BLESS}: rewrote examples in {}", file.display());
        }
    }
    assert!(count > 0, "no console examples found");
    assert!(
        failures.is_empty(),
        "{} of {count} examples failed (set {BLESS}=1 to rewrite them):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn shell_words_split_like_a_shell() {
    assert_eq!(shell_words("newsdiff  compare a.txt 'b c.txt'").unwrap(), ["newsdiff", "compare", "a.txt", "b c.txt"]);
    assert_eq!(shell_words(r#"newsdiff x "a \"q\" \n" b\ c"#).unwrap(), ["newsdiff", "x", "a \"q\" \\n", "b c"]);
    assert_eq!(shell_words("newsdiff ''").unwrap(), ["newsdiff", ""]);
    assert!(shell_words("newsdiff tokens seeds/ | head").is_err());
    assert!(shell_words("newsdiff 'unterminated").is_err());
    assert_eq!(shell_words("newsdiff '|'").unwrap(), ["newsdiff", "|"]);
}

#[test]
fn elisions_match_any_lines_and_survive_blessing() {
    let lines = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    let actual = lines("a\nb\nc\nd\ne");
    assert!(matches(&lines("a\n...\ne"), &actual));
    assert!(matches(&lines("...\nc\n..."), &actual));
    assert!(matches(&lines("a\nb\nc\nd\ne\n..."), &actual));
    assert!(!matches(&lines("a\n...\nd"), &actual));
    assert!(!matches(&lines("b\n...\ne"), &actual));
    // A changed line outside the elision is rewritten, the elision is kept.
    assert_eq!(blessed(&lines("a\n  ...\nx"), &actual), lines("a\n  ...\ne"));
    // More lines inside the elided part stay elided.
    assert_eq!(blessed(&lines("a\n...\nd\nz"), &lines("a\nb\nc\nd\ne")), lines("a\n...\nd\ne"));
    // Each elision keeps its own indentation.
    assert_eq!(blessed(&lines("  ...\nc\n    ...\nx"), &actual), lines("  ...\nc\n    ...\ne"));
    // No elision: the full output.
    assert_eq!(blessed(&lines("a\nx"), &actual), actual);
}
