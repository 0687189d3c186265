//! The lock on an output folder, so that two runs never write the same `OUT` at once.
//!
//! The lock is an advisory `flock` on `OUT/.state/lock`, held for the life of the run. The kernel drops
//! it when the process dies, however it dies, so a `kill -9` can never leave a lock that blocks the next
//! run; the pid and start time written into the file only serve the messages: who holds the lock, and
//! whose stale lock file was taken over. A pid check alone would race (two runs both judging the same
//! stale file dead and both taking it); the kernel lock cannot.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another styrdok run is writing {out} ({holder}); wait for it to finish or write elsewhere"
    )]
    Held { out: PathBuf, holder: String },
    #[error("cannot lock {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct OutLock {
    _file: File,
    path: PathBuf,
    /// The pid of a dead process whose lock file this run took over, if any.
    pub recovered_from: Option<u32>,
}

impl OutLock {
    /// Takes the lock of the output folder whose state folder is `state_dir`.
    pub fn acquire(out: &Path, state_dir: &Path) -> Result<OutLock, LockError> {
        let path = state_dir.join("lock");
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(state_dir).map_err(io)?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        let mut previous = String::new();
        // An unreadable previous content only costs the message.
        let _ = file.read_to_string(&mut previous);
        // SAFETY: flock on a descriptor this function owns; it only changes the lock state.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let e = std::io::Error::last_os_error();
            return Err(if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
                LockError::Held {
                    out: out.to_path_buf(),
                    holder: describe_holder(&previous),
                }
            } else {
                io(e)
            });
        }
        let recovered_from = holder_pid(&previous).filter(|&pid| pid != std::process::id());
        let stamp = format!(
            "pid {}\nstarted {}\n",
            std::process::id(),
            humantime::format_rfc3339_seconds(std::time::SystemTime::now())
        );
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(stamp.as_bytes()).map_err(io)?;
        Ok(OutLock {
            _file: file,
            path,
            recovered_from,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutLock {
    fn drop(&mut self) {
        // Emptied so that the next run does not report a stale lock after a clean end; the kernel lock
        // itself goes with the file handle.
        let _ = self._file.set_len(0);
    }
}

fn holder_pid(content: &str) -> Option<u32> {
    content
        .lines()
        .find_map(|l| l.strip_prefix("pid "))
        .and_then(|p| p.trim().parse().ok())
}

/// Says which process holds the lock and whether it is still alive.
fn describe_holder(content: &str) -> String {
    let started = content
        .lines()
        .find_map(|l| l.strip_prefix("started "))
        .map(|s| format!(", started {}", s.trim()))
        .unwrap_or_default();
    match holder_pid(content) {
        Some(pid) if process_alive(pid) => format!("pid {pid}{started}"),
        Some(pid) => format!("pid {pid}{started}, which has ended, yet the lock is still held"),
        None => "a process that has not written its pid yet".to_string(),
    }
}

/// Whether a process with this pid exists (signal 0 checks without sending anything).
pub fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: kill with signal 0 only checks for existence and permission; it has no effect.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = dir.path().join(".state");
        let first = OutLock::acquire(dir.path(), &state).expect("first");
        let err = OutLock::acquire(dir.path(), &state).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("another styrdok run"), "{msg}");
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "{msg}"
        );
        drop(first);
        // A test running beside this one may fork a child at this moment: until the child's exec
        // closes it, the child shares the lock's open file (O_CLOEXEC acts only at exec), so allow it
        // that instant.
        let again = (0..50).find_map(|_| {
            OutLock::acquire(dir.path(), &state).ok().or_else(|| {
                std::thread::sleep(std::time::Duration::from_millis(20));
                None
            })
        });
        assert!(again.is_some(), "the lock is free again once dropped");
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = dir.path().join(".state");
        std::fs::create_dir_all(&state).expect("mkdir");
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let dead = child.id();
        child.wait().expect("wait");
        std::fs::write(state.join("lock"), format!("pid {dead}\nstarted x\n")).expect("write");
        let lock = OutLock::acquire(dir.path(), &state).expect("stale lock recovered");
        assert_eq!(lock.recovered_from, Some(dead));
        assert!(!process_alive(dead));
        assert!(process_alive(std::process::id()));
    }
}
