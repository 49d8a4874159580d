//! Where shingle sets live between sketching and verification: on disk, not in memory.
//!
//! Every candidate pair is verified with the exact Jaccard, which needs both shingle sets. Keeping them in
//! memory would cost about 8 bytes per word of the corpus; instead each set is appended to an anonymous
//! temporary file (deleted by the operating system when the run ends) and read back with positioned reads.
//! The operating system's page cache keeps the file in RAM while there is room, without counting it against the
//! process. Articles loaded from a saved index are read straight from the index file, which stores their
//! shingle sets in the same layout.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use crate::input::positioned::read_exact_at;

/// Where one article's shingle set is: a file of the store, a byte offset and a count of `u64` values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Loc {
    file: u32,
    offset: u64,
    len: u32,
}

impl Loc {
    /// The location of a shingle set that is not stored (its text is read again when needed).
    pub(crate) const NOT_STORED: Loc = Loc { file: u32::MAX, offset: 0, len: 0 };

    /// Number of shingles.
    pub(crate) fn len(self) -> usize {
        self.len as usize
    }

    /// False for [`Loc::NOT_STORED`].
    pub(crate) fn is_stored(self) -> bool {
        self.file != u32::MAX
    }
}

/// Shingle sets on disk: the spill file of this run (file 0) and any saved indexes.
#[derive(Debug)]
pub(crate) struct ShingleStore {
    spill: BufWriter<File>,
    spill_read: File,
    spill_len: u64,
    files: Vec<File>,
}

impl ShingleStore {
    /// A store with an empty spill file in the system's temporary directory.
    pub(crate) fn new() -> io::Result<Self> {
        let file = tempfile::tempfile()?;
        let spill_read = file.try_clone()?;
        Ok(Self { spill: BufWriter::with_capacity(1 << 20, file), spill_read, spill_len: 0, files: Vec::new() })
    }

    /// Appends a sorted shingle set to the spill file.
    pub(crate) fn push(&mut self, shingles: &[u64]) -> io::Result<Loc> {
        let loc = Loc { file: 0, offset: self.spill_len, len: len_u32(shingles.len())? };
        for s in shingles {
            self.spill.write_all(&s.to_le_bytes())?;
        }
        self.spill_len += 8 * shingles.len() as u64;
        Ok(loc)
    }

    /// Registers a saved index file whose shingle sets are read in place; returns its file number.
    pub(crate) fn add_file(&mut self, file: File) -> u32 {
        self.files.push(file);
        self.files.len() as u32
    }

    /// The location of `len` shingles at `offset` of file `file` (from [`Self::add_file`]).
    pub(crate) fn loc_in(file: u32, offset: u64, len: u32) -> Loc {
        Loc { file, offset, len }
    }

    /// Makes everything pushed so far readable.
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.spill.flush()
    }

    /// Reads a shingle set into `out` (replacing its content). Call [`Self::flush`] after the last push first.
    pub(crate) fn read(&self, loc: Loc, out: &mut Vec<u64>) -> io::Result<()> {
        let file = if loc.file == 0 { &self.spill_read } else { &self.files[loc.file as usize - 1] };
        let mut bytes = vec![0u8; loc.len() * 8];
        read_exact_at(file, &mut bytes, loc.offset)?;
        out.clear();
        out.extend(bytes.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))));
        Ok(())
    }
}

pub(crate) fn len_u32(n: usize) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "article too large to index"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut store = ShingleStore::new().unwrap();
        let a = store.push(&[1, 2, 3]).unwrap();
        let empty = store.push(&[]).unwrap();
        let b = store.push(&[u64::MAX, 9]).unwrap();
        store.flush().unwrap();
        let mut out = Vec::new();
        store.read(b, &mut out).unwrap();
        assert_eq!(out, [u64::MAX, 9]);
        store.read(a, &mut out).unwrap();
        assert_eq!(out, [1, 2, 3]);
        store.read(empty, &mut out).unwrap();
        assert!(out.is_empty());
    }
}
