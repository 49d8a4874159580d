//! The story report for people at a terminal: readable at 80 columns, colour only when asked for.
//!
//! Multi-article stories come first, each with its articles, similarity matrix, near-duplicates, shared,
//! conflicting and unique claims and name variants (long lists are cut to [`Terminal::limit`] items with a
//! count of the rest); articles no other article matched are listed in one line each; the batch summary ends
//! the report. [`TerminalSummary`] is that summary alone, for when the report itself went to files.

use std::io::Write;

use super::style::{Painter, Role};
use super::text::{clip, pad, plural, width, wrap};
use super::{ReportRenderer, StoryRenderer};
use crate::report::{DiffSpan, DiffSpanOp, Report, ReportPlan, ReportSummary, Story, StoryClaimRef};

/// The terminal renderer.
#[derive(Debug, Clone)]
pub struct Terminal {
    /// Paint with ANSI colours.
    pub color: bool,
    /// Line width to wrap at.
    pub width: usize,
    /// Most items shown per list (claims, pairs); `usize::MAX` for all.
    pub limit: usize,
}

/// Only the batch summary of the terminal listing (`newsdiff report --html FILE` without `--print`).
#[derive(Debug, Clone)]
pub struct TerminalSummary {
    /// Paint with ANSI colours.
    pub color: bool,
    /// Line width to clip at.
    pub width: usize,
}

impl ReportRenderer for TerminalSummary {
    fn render(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
        super::render_streamed(&mut self.clone(), report, out)
    }
}

/// Stories are skipped; the summary is written at the end.
impl StoryRenderer for TerminalSummary {
    fn begin(&mut self, _plan: &ReportPlan, _out: &mut dyn Write) -> anyhow::Result<()> {
        Ok(())
    }

    fn story(&mut self, _story: &Story, _out: &mut dyn Write) -> anyhow::Result<()> {
        Ok(())
    }

    fn end(&mut self, summary: &ReportSummary, out: &mut dyn Write) -> anyhow::Result<()> {
        let terminal = Terminal { color: self.color, width: self.width, limit: 5 };
        terminal.summary(summary, &Painter::new(self.color), out)
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Self { color: false, width: 80, limit: 5 }
    }
}

impl ReportRenderer for Terminal {
    fn render(&self, report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
        super::render_streamed(&mut self.stream(), report, out)
    }
}

/// The terminal listing written story by story: multi-article stories in full, then the single articles one
/// line each under a heading that counts them (known from the plan), then the summary.
#[derive(Debug, Clone)]
pub struct TerminalStream {
    terminal: Terminal,
    /// Single articles in the report (from the plan).
    singles: usize,
    /// Single articles seen so far.
    seen: usize,
}

impl Terminal {
    /// The streaming form of this renderer.
    #[must_use]
    pub fn stream(&self) -> TerminalStream {
        TerminalStream { terminal: self.clone(), singles: 0, seen: 0 }
    }

    /// Single articles listed one line each; the rest are counted.
    fn singles_shown(&self) -> usize {
        self.limit.max(20)
    }
}

impl StoryRenderer for TerminalStream {
    fn begin(&mut self, plan: &ReportPlan, _out: &mut dyn Write) -> anyhow::Result<()> {
        self.singles = plan.single_articles;
        self.seen = 0;
        Ok(())
    }

    fn story(&mut self, story: &Story, out: &mut dyn Write) -> anyhow::Result<()> {
        let t = &self.terminal;
        let p = Painter::new(t.color);
        if story.articles.len() > 1 {
            return t.story(story, &p, out);
        }
        if self.seen == 0 {
            writeln!(out, "{}", p.paint(Role::Heading, &format!("Articles in no story ({})", self.singles)))?;
        }
        self.seen += 1;
        if self.seen <= t.singles_shown() {
            let a = &story.articles[0];
            let line =
                format!("{} {} [{}] {}", story.id, a.id, a.source, a.title.as_deref().unwrap_or(&story.headline));
            writeln!(out, "  {}", clip(&line, t.width.saturating_sub(2)))?;
        }
        Ok(())
    }

    fn end(&mut self, summary: &ReportSummary, out: &mut dyn Write) -> anyhow::Result<()> {
        let t = &self.terminal;
        let p = Painter::new(t.color);
        if self.seen > 0 {
            if self.seen > t.singles_shown() {
                writeln!(out, "  {}", p.paint(Role::Dim, &format!("... and {} more", self.seen - t.singles_shown())))?;
            }
            writeln!(out)?;
        }
        t.summary(summary, &p, out)
    }
}

impl Terminal {
    fn story(&self, story: &Story, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        self.heading(story, p, out)?;
        self.articles(story, p, out)?;
        self.matrix(story, p, out)?;
        self.duplicates(story, p, out)?;
        self.shared_claims(story, p, out)?;
        self.conflicts(story, p, out)?;
        self.unique_claims(story, p, out)?;
        self.variants(story, p, out)?;
        writeln!(out)?;
        Ok(())
    }

    /// The story's id and headline, then its counts and key terms.
    fn heading(&self, story: &Story, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        let w = self.width;
        let head = format!("{}  {}", story.id, story.headline);
        for line in wrap(&head, w) {
            writeln!(out, "{}", p.paint(Role::Heading, &line))?;
        }
        let meta = format!(
            "{} · {} · cohesion {:.2} · {}",
            plural(story.articles.len(), "article"),
            plural(story.sources.len(), "source"),
            story.cohesion,
            story.key_terms.join(", ")
        );
        writeln!(out, "    {}", p.paint(Role::Dim, &clip(&meta, w.saturating_sub(4))))?;
        Ok(())
    }

    /// One line per article (number, source, date, title), then its id and length.
    fn articles(&self, story: &Story, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        let w = self.width;
        writeln!(out, "  {}", p.paint(Role::Heading, "articles"))?;
        let src_width = story.articles.iter().map(|a| width(&a.source)).max().unwrap_or(0).min(16);
        for (k, a) in story.articles.iter().enumerate() {
            let date = a.date.as_deref().unwrap_or("          ");
            let title = a.title.as_deref().unwrap_or("(no title)");
            let source = pad(&clip(&a.source, src_width), src_width);
            let line = format!("[{}] {source} {date} {title}", k + 1);
            writeln!(out, "    {}", clip(&line, w.saturating_sub(4)))?;
            writeln!(
                out,
                "        {}",
                p.paint(Role::Dim, &clip(&format!("{} · {} words", a.id, a.words), w.saturating_sub(8)))
            )?;
        }
        Ok(())
    }

    fn duplicates(&self, story: &Story, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        self.section("near-duplicates", story.duplicates.len(), p, out)?;
        for d in story.duplicates.iter().take(self.limit) {
            let kind = if d.exact { "exact copy" } else { "near copy" };
            writeln!(out, "    {} ~ {}  {kind}, resemblance {:.2}", d.a, d.b, d.similarity)?;
        }
        self.more(story.duplicates.len(), p, out)
    }

    fn shared_claims(&self, story: &Story, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        self.section("shared claims", story.shared_claims.len(), p, out)?;
        for c in story.shared_claims.iter().take(self.limit) {
            let first = c.mentions.first().map_or("", |m| m.text.as_str());
            self.bullet(&format!("{first} ({}: {})", c.kind.as_str(), c.sources.join(", ")), out)?;
        }
        self.more(story.shared_claims.len(), p, out)
    }

    /// Each conflict: what differs, then both sentences with the changed runs painted (or marked).
    fn conflicts(&self, story: &Story, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        let w = self.width;
        self.section("conflicting claims", story.conflicts.len(), p, out)?;
        for c in story.conflicts.iter().take(self.limit) {
            if !c.details.is_empty() {
                writeln!(out, "    {}", p.paint(Role::Conflict, &clip(&c.details.join("; "), w.saturating_sub(4))))?;
            }
            let side = |spans: &[DiffSpan], fallback: &str| -> String {
                if spans.is_empty() {
                    return fallback.to_string();
                }
                spans.iter().map(|d| self.diff_span(d, p)).collect()
            };
            let a = side(&c.diff_a, &c.a.text);
            let b = side(&c.diff_b, &c.b.text);
            for (source, text) in [(&c.a.source, a), (&c.b.source, b)] {
                let line = format!("{}: {text}", p.paint(Role::Notice, source));
                if self.color {
                    writeln!(out, "    {line}")?;
                } else {
                    for (k, l) in wrap(&line, w.saturating_sub(6)).into_iter().enumerate() {
                        writeln!(out, "    {}{l}", if k == 0 { "" } else { "  " })?;
                    }
                }
            }
        }
        self.more(story.conflicts.len(), p, out)
    }

    fn unique_claims(&self, story: &Story, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        self.section("claims only one source makes", story.unique_claims.len(), p, out)?;
        for c in story.unique_claims.iter().take(self.limit) {
            self.claim(c, p, out)?;
        }
        self.more(story.unique_claims.len(), p, out)
    }

    fn variants(&self, story: &Story, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        self.section("name variants", story.variants.len(), p, out)?;
        for g in story.variants.iter().take(self.limit) {
            let forms: Vec<String> =
                g.forms.iter().map(|f| format!("{} ({}×: {})", f.form, f.count, f.sources.join(", "))).collect();
            self.bullet(&forms.join(" / "), out)?;
        }
        self.more(story.variants.len(), p, out)
    }

    fn matrix(&self, story: &Story, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        let n = story.articles.len();
        // At 80 columns a matrix of up to 12 articles fits (6 columns per cell).
        let fits = 8 + 6 * n <= self.width;
        writeln!(out, "  {}", p.paint(Role::Heading, "similarity"))?;
        if !fits {
            writeln!(out, "    {}", p.paint(Role::Dim, "(too wide for the terminal: see --html or --json)"))?;
            return Ok(());
        }
        let mut header = String::from("        ");
        for j in 0..n {
            header.push_str(&format!("{:>6}", format!("[{}]", j + 1)));
        }
        writeln!(out, "{}", p.paint(Role::Dim, &header))?;
        for (i, row) in story.similarity.iter().enumerate() {
            let mut line = format!("    {:<4}", format!("[{}]", i + 1));
            for (j, v) in row.iter().enumerate() {
                let cell = if i == j { format!("{:>6}", "·") } else { format!("{v:>6.2}") };
                let role = if i == j {
                    Role::Dim
                } else if *v >= 0.5 {
                    Role::Good
                } else {
                    Role::Dim
                };
                line.push_str(&if i != j && *v >= 0.25 { p.paint(role, &cell) } else { p.paint(Role::Dim, &cell) });
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    /// A section's title with its count (or `none`).
    fn section(&self, title: &str, count: usize, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        if count == 0 {
            writeln!(out, "  {}", p.paint(Role::Heading, &format!("{title}: none")))?;
        } else {
            writeln!(out, "  {}", p.paint(Role::Heading, &format!("{title} ({count})")))?;
        }
        Ok(())
    }

    /// One run of a diff side: painted when colour is on, marked with brackets otherwise.
    fn diff_span(&self, d: &DiffSpan, p: &Painter) -> String {
        let (role, sign) = match d.op {
            DiffSpanOp::Equal => return d.text.clone(),
            DiffSpanOp::Removed => (Role::Removed, '-'),
            DiffSpanOp::Added => (Role::Added, '+'),
            DiffSpanOp::Conflict => (Role::Conflict, '!'),
            DiffSpanOp::Variant => (Role::Good, '~'),
            DiffSpanOp::Changed => (Role::Notice, '*'),
        };
        p.paint(role, &mark(&d.text, sign, self.color))
    }

    fn more(&self, count: usize, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        if count > self.limit {
            let text = format!("... and {} more (all of them with --all, --json or --html)", count - self.limit);
            writeln!(out, "    {}", p.paint(Role::Dim, &text))?;
        }
        Ok(())
    }

    fn bullet(&self, text: &str, out: &mut dyn Write) -> anyhow::Result<()> {
        for (k, line) in wrap(text, self.width.saturating_sub(6)).into_iter().enumerate() {
            writeln!(out, "    {} {line}", if k == 0 { "•" } else { " " })?;
        }
        Ok(())
    }

    fn claim(&self, c: &StoryClaimRef, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        let source = clip(&c.source, 24);
        let first = self.width.saturating_sub(9 + width(&source));
        let lines = wrap(&c.text, first.max(20));
        let mut rest: Vec<String> = Vec::new();
        if lines.len() > 1 {
            let tail = lines[1..].join(" ");
            rest = wrap(&tail, self.width.saturating_sub(6));
        }
        writeln!(out, "    • [{}] {}", p.paint(Role::Notice, &source), lines.first().map_or("", String::as_str))?;
        for line in rest {
            writeln!(out, "      {line}")?;
        }
        Ok(())
    }

    fn summary(&self, s: &ReportSummary, p: &Painter, out: &mut dyn Write) -> anyhow::Result<()> {
        writeln!(out, "{}", p.paint(Role::Heading, "Summary"))?;
        writeln!(
            out,
            "  {}, {} ({} covered by several sources, {})",
            plural(s.articles, "article"),
            plural(s.stories, "story"),
            s.multi_source_stories,
            plural(s.single_articles, "single article")
        )?;
        let shown = if self.limit == usize::MAX { s.sources.len() } else { self.limit.max(10) };
        for src in s.sources.iter().take(shown) {
            let line =
                format!("{}: {} in {}", src.source, plural(src.articles, "article"), plural(src.stories, "story"));
            writeln!(out, "  {}", clip(&line, self.width.saturating_sub(2)))?;
        }
        if s.sources.len() > shown {
            writeln!(out, "  {}", p.paint(Role::Dim, &format!("... and {} more sources", s.sources.len() - shown)))?;
        }
        writeln!(
            out,
            "  near-duplicates {} · shared claims {} · conflicts {} · variant names {}",
            s.duplicate_pairs, s.shared_claims, s.conflicts, s.variant_groups
        )?;
        let window = s.settings.window_days.map_or("dates ignored".to_string(), |d| format!("window {d} days"));
        writeln!(out, "  {}", p.paint(Role::Dim, &format!("threshold {:.2} · {window}", s.settings.threshold)))?;
        Ok(())
    }
}

/// Marks a changed run when colour cannot show it: `[-only here-]`, `{+only here+}`, `[!conflict!]`,
/// `[~variant~]`, `[*changed*]`.
fn mark(text: &str, sign: char, color: bool) -> String {
    if color {
        return text.to_string();
    }
    match sign {
        '+' => format!("{{+{text}+}}"),
        _ => format!("[{sign}{text}{sign}]"),
    }
}
