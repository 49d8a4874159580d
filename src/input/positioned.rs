//! Positioned reads: bytes at an offset of a file without moving a cursor shared by other readers.
//!
//! Several threads (or several passes) read one open file at once: re-reading chosen articles for
//! `dedup --output`, the shingle store of dedup, the anonymous copy of standard input.

use std::fs::File;
use std::io::{self, Read};

/// Reads exactly `buf.len()` bytes at `offset` without moving a shared cursor.
///
/// # Errors
/// I/O errors, `UnexpectedEof` past the end.
#[cfg(unix)]
pub fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Reads exactly `buf.len()` bytes at `offset` without moving a shared cursor.
///
/// # Errors
/// I/O errors, `UnexpectedEof` past the end.
#[cfg(windows)]
pub fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A sequential reader over a file that reads by position, so that clones of one handle never disturb each
/// other's place.
#[derive(Debug)]
pub struct PositionedReader<'f> {
    file: &'f File,
    pos: u64,
}

impl<'f> PositionedReader<'f> {
    /// A reader from the start of `file`.
    #[must_use]
    pub fn new(file: &'f File) -> Self {
        Self { file, pos: 0 }
    }
}

impl Read for PositionedReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_at(self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}
