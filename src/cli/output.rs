//! Where results go: standard output with or without colour, and output files written atomically.
//!
//! Output files are never written in place: the content goes to a hidden temporary file in the same directory,
//! which is renamed over the target only once complete. A failed or interrupted run (Ctrl-C included) leaves
//! no partial file behind, an existing file is replaced only when the user says `--force`, and a path that is
//! also an input is refused. A new file gets the permissions any program's new file gets (`0o666` less the
//! umask: `0o644` under the usual `022`), a replaced one keeps its own.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, bail};

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Decides once whether standard output gets colour: `--color`, then `NO_COLOR`/`CLICOLOR_FORCE`, then
/// whether standard output is a terminal.
#[must_use]
pub fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            matches!(
                anstream::AutoStream::choice(&io::stdout()),
                anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi
            )
        }
    }
}

/// True when `err` (or anything in its chain) is a broken pipe: the reader went away (`newsdiff ... | head`),
/// which ends the run quietly.
#[must_use]
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
            || e.downcast_ref::<csv::Error>().is_some_and(|e| match e.kind() {
                csv::ErrorKind::Io(io) => io.kind() == io::ErrorKind::BrokenPipe,
                _ => false,
            })
    })
}

/// Temporary files being written right now, removed if the user interrupts the run.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the Ctrl-C handler that removes pending temporary files before exiting with status 130.
pub fn install_interrupt_cleanup() {
    let _ = ctrlc::set_handler(|| {
        remove_pending();
        std::process::exit(130);
    });
}

/// Removes every pending temporary output file.
pub fn remove_pending() {
    if let Ok(pending) = PENDING.lock() {
        for path in pending.iter() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A temporary file registered for removal on Ctrl-C; dropping the guard unregisters it (the file itself is
/// removed by whoever owns it, such as a `tempfile::NamedTempFile`).
#[derive(Debug)]
pub struct PendingGuard(PathBuf);

/// Registers a temporary file to be removed if the user interrupts the run.
#[must_use]
pub fn track_pending(path: &Path) -> PendingGuard {
    if let Ok(mut pending) = PENDING.lock() {
        pending.push(path.to_path_buf());
    }
    PendingGuard(path.to_path_buf())
}

impl Drop for PendingGuard {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|p| p != &self.0);
        }
    }
}

/// How an output file may be written.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Replace an existing file.
    pub force: bool,
    /// Paths the run reads; the output may not be one of them.
    pub inputs: Vec<PathBuf>,
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Checks that `path` may be written: it is not an input, and it does not exist unless `force`.
///
/// # Errors
/// A message naming the path and the flag that would allow it.
pub fn check_target(path: &Path, opts: &WriteOptions) -> anyhow::Result<()> {
    if opts.inputs.iter().any(|input| same_file(path, input)) {
        bail!("{}: refusing to write over an input file", path.display());
    }
    if path.is_dir() {
        bail!("{}: is a directory, not a file", path.display());
    }
    if path.exists() && !opts.force {
        bail!("{}: already exists (use --force to replace it)", path.display());
    }
    Ok(())
}

/// Writes a file atomically: `fill` writes the content into a temporary file next to `path`, which then
/// replaces `path` in one rename. On any error nothing is left behind and an existing file is untouched.
///
/// # Errors
/// Refusals from [`check_target`], and I/O errors naming the path.
pub fn write_atomic<F>(path: &Path, opts: &WriteOptions, fill: F) -> anyhow::Result<()>
where
    F: FnOnce(&mut dyn Write) -> anyhow::Result<()>,
{
    let mut file = AtomicFile::create(path, opts)?;
    fill(file.writer()).with_context(|| format!("{}: cannot write", path.display()))?;
    file.commit()
}

/// An output file being written: a temporary file next to its path, renamed into place by [`Self::commit`].
/// Dropped without a commit (an error, Ctrl-C), it leaves nothing behind and an existing file untouched. Several
/// can be open at once, for outputs written side by side as a report streams.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    writer: io::BufWriter<tempfile::NamedTempFile>,
    /// The permissions of the file being replaced (`--force`), which the new file keeps.
    kept: Option<std::fs::Permissions>,
    _guard: PendingGuard,
}

impl AtomicFile {
    /// Checks `path` ([`check_target`]) and opens its temporary file.
    ///
    /// # Errors
    /// Refusals from [`check_target`]; a temporary file that cannot be created.
    pub fn create(path: &Path, opts: &WriteOptions) -> anyhow::Result<Self> {
        check_target(path, opts)?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".newsdiff-").suffix(".tmp");
        // The temporary file is private while it is written only if the umask says so: it is created with the
        // mode of any new file (`0o666`, less the umask, applied by the system call), not tempfile's `0o600`.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let tmp =
            builder.tempfile_in(&dir).with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
        let kept = std::fs::metadata(path).ok().map(|m| m.permissions());
        let guard = track_pending(tmp.path());
        Ok(Self { path: path.to_path_buf(), writer: io::BufWriter::new(tmp), kept, _guard: guard })
    }

    /// Where the content goes.
    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.writer
    }

    /// The path the file will have.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes and syncs the content and renames it into place.
    ///
    /// # Errors
    /// I/O errors naming the path.
    pub fn commit(self) -> anyhow::Result<()> {
        let Self { path, writer, kept, _guard } = self;
        let result = (|| -> anyhow::Result<()> {
            let tmp = writer.into_inner().map_err(io::IntoInnerError::into_error)?;
            if let Some(permissions) = kept {
                tmp.as_file().set_permissions(permissions)?;
            }
            tmp.as_file().sync_all()?;
            tmp.persist(&path).map_err(|e| e.error)?;
            Ok(())
        })();
        result.with_context(|| format!("{}: cannot write", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_refuses_existing_and_inputs_and_leaves_nothing_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        write_atomic(&target, &WriteOptions::default(), |w| Ok(w.write_all(b"one")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "one");
        let err = write_atomic(&target, &WriteOptions::default(), |w| Ok(w.write_all(b"two")?)).unwrap_err();
        assert!(err.to_string().contains("--force"));
        let failing = WriteOptions { force: true, inputs: vec![] };
        assert!(write_atomic(&target, &failing, |_| bail!("boom")).is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
        let input = WriteOptions { force: true, inputs: vec![target.clone()] };
        assert!(write_atomic(&target, &input, |_| Ok(())).unwrap_err().to_string().contains("input"));
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_umask_mode_and_replaced_files_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // What the umask makes of a new file, seen on a file created the ordinary way.
        let probe = dir.path().join("probe");
        std::fs::write(&probe, b"").unwrap();
        let target = dir.path().join("out.html");
        write_atomic(&target, &WriteOptions::default(), |w| Ok(w.write_all(b"x")?)).unwrap();
        assert_eq!(mode(&target), mode(&probe));
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        let force = WriteOptions { force: true, inputs: vec![] };
        write_atomic(&target, &force, |w| Ok(w.write_all(b"y")?)).unwrap();
        assert_eq!(mode(&target), 0o640);
    }
}
