//! Finding the files of a diarium: a walk of the tree that stays inside it.
//!
//! Symbolic links are never followed. A link to a file or folder inside the tree adds nothing (the
//! target is walked at its real path), and a link out of the tree would let a run read, and publish,
//! files nobody put in the diarium; both are listed as skipped so the report says why a name was not
//! read. Hidden files and folders (a leading `.`) are editor and sync debris, and the output folder is
//! left out when it lies inside the tree, so a run never reads its own outputs.

use std::path::{Path, PathBuf};

/// A regular file found in the tree, with the facts that tell whether it changed since the last run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub stat: FileStat,
}

/// Size, times and inode: equal values mean the content is taken as unchanged (as `git` and `make` do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStat {
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub inode: u64,
}

impl FileStat {
    pub fn of(meta: &std::fs::Metadata) -> FileStat {
        use std::os::unix::fs::MetadataExt;
        FileStat {
            size: meta.len(),
            mtime_ns: meta.mtime().saturating_mul(1_000_000_000) + meta.mtime_nsec(),
            ctime_ns: meta.ctime().saturating_mul(1_000_000_000) + meta.ctime_nsec(),
            inode: meta.ino(),
        }
    }
}

/// A name in the tree that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// What the walk found: files sorted by path, and what it passed over.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<Found>,
    pub skipped: Vec<Skipped>,
}

/// What to leave out of the walk.
#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    /// Folders not to enter (the output folder when it lies inside the tree).
    pub exclude: Vec<PathBuf>,
}

/// Walks `root` and returns its regular files in a stable order.
pub fn walk(root: &Path, opts: &WalkOptions) -> std::io::Result<Walked> {
    let root_real = root.canonicalize()?;
    let excluded: Vec<PathBuf> = opts
        .exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut walked = Walked::default();
    let entries = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let is_excluded = e.file_type().is_dir()
                && e.path()
                    .canonicalize()
                    .map(|p| excluded.contains(&p))
                    .unwrap_or(false);
            !hidden && !is_excluded
        });
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                walked.skipped.push(Skipped {
                    path: e.path().map(Path::to_path_buf).unwrap_or_default(),
                    reason: format!("cannot be listed: {e}"),
                });
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_symlink() {
            walked.skipped.push(Skipped {
                path: entry.path().to_path_buf(),
                reason: symlink_reason(entry.path(), &root_real),
            });
        } else if ft.is_file() {
            match entry.metadata() {
                Ok(meta) => walked.files.push(Found {
                    path: entry.into_path(),
                    stat: FileStat::of(&meta),
                }),
                Err(e) => walked.skipped.push(Skipped {
                    path: entry.into_path(),
                    reason: format!("cannot be read: {e}"),
                }),
            }
        }
    }
    walked.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(walked)
}

fn symlink_reason(link: &Path, root_real: &Path) -> String {
    match link.canonicalize() {
        Ok(target) if target.starts_with(root_real) => {
            "symbolic link inside the tree: its target is read at its own path".to_string()
        }
        Ok(_) => "symbolic link out of the tree: not followed".to_string(),
        Err(_) => "dangling symbolic link".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_inside_the_tree_and_skips_hidden_and_excluded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("diarium");
        let outside = dir.path().join("secret.txt");
        std::fs::create_dir_all(root.join("2024/.sync")).expect("mkdir");
        std::fs::create_dir_all(root.join("out/documents")).expect("mkdir");
        std::fs::write(&outside, "not in the diarium").expect("write");
        std::fs::write(root.join("2024/b.txt"), "b").expect("write");
        std::fs::write(root.join("a.txt"), "a").expect("write");
        std::fs::write(root.join(".hidden.txt"), "h").expect("write");
        std::fs::write(root.join("2024/.sync/x.txt"), "x").expect("write");
        std::fs::write(root.join("out/documents/d.json"), "{}").expect("write");
        std::os::unix::fs::symlink(&outside, root.join("link-out.txt")).expect("symlink");
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("link-in.txt")).expect("symlink");
        std::os::unix::fs::symlink(&root, root.join("loop")).expect("symlink");

        let walked = walk(
            &root,
            &WalkOptions {
                exclude: vec![root.join("out")],
            },
        )
        .expect("walk");
        let files: Vec<_> = walked
            .files
            .iter()
            .map(|f| f.path.strip_prefix(&root).expect("inside").to_path_buf())
            .collect();
        assert_eq!(
            files,
            vec![PathBuf::from("2024/b.txt"), PathBuf::from("a.txt")]
        );
        let reason = |name: &str| {
            walked
                .skipped
                .iter()
                .find(|s| s.path.ends_with(name))
                .map(|s| s.reason.clone())
                .unwrap_or_default()
        };
        assert!(reason("link-out.txt").contains("out of the tree"));
        assert!(reason("link-in.txt").contains("inside the tree"));
        assert!(reason("loop").contains("inside the tree"));
    }
}
