//! Runs the external OCR programs (Tesseract, poppler) as child processes: argument lists, never a shell;
//! output captured in files so a chatty child cannot block on a full pipe; a time budget after which
//! the child is killed; and the check that Tesseract and its language models are installed.

use super::OcrError;
use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How often a running child is looked at while waiting for it.
const POLL: Duration = Duration::from_millis(10);
/// Most bytes of a child's stderr quoted in an error.
const STDERR_QUOTE: usize = 400;

/// What a finished child left behind.
pub struct Finished {
    pub stdout: Vec<u8>,
}

/// Runs `cmd` with its output sent to files in `scratch`; kills it when `budget` runs out.
pub fn run(
    mut cmd: Command,
    tool: &'static str,
    page: u32,
    scratch: &Path,
    budget: Duration,
) -> Result<Finished, OcrError> {
    let out_path = scratch.join(format!("{tool}-{page}.out"));
    let err_path = scratch.join(format!("{tool}-{page}.err"));
    let io = |source: std::io::Error| OcrError::Io {
        what: format!("page {page}: {tool}"),
        source,
    };
    let stdout = File::create(&out_path).map_err(io)?;
    let stderr = File::create(&err_path).map_err(io)?;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::from(stdout))
        .stderr(Stdio::from(stderr));
    let mut child = cmd.spawn().map_err(|e| spawn_error(tool, e))?;
    let deadline = Instant::now() + budget;
    let status = loop {
        match child.try_wait().map_err(io)? {
            Some(status) => break status,
            None if Instant::now() >= deadline => {
                // The child may have exited between the two calls; either way it is gone afterwards.
                let _ = child.kill();
                let _ = child.wait();
                return Err(OcrError::Timeout {
                    page,
                    tool,
                    seconds: budget.as_secs_f32(),
                });
            }
            None => std::thread::sleep(POLL),
        }
    };
    let stdout = std::fs::read(&out_path).map_err(io)?;
    if !status.success() {
        let stderr = std::fs::read(&err_path).unwrap_or_default();
        let text = String::from_utf8_lossy(&stderr);
        let quoted: String = text.trim().chars().take(STDERR_QUOTE).collect();
        return Err(OcrError::Failed {
            page,
            tool,
            message: format!("{status}: {quoted}"),
        });
    }
    Ok(Finished { stdout })
}

/// A program that cannot be started is a missing package, named so a person can install it.
pub fn spawn_error(tool: &'static str, e: std::io::Error) -> OcrError {
    if e.kind() == std::io::ErrorKind::NotFound {
        let packages = match tool {
            "tesseract" => "tesseract-ocr tesseract-ocr-swe",
            _ => "poppler-utils",
        };
        OcrError::Unavailable {
            reason: format!("the program `{tool}` is not installed"),
            packages: packages.to_string(),
        }
    } else {
        OcrError::Io {
            what: format!("cannot start {tool}"),
            source: e,
        }
    }
}

/// The Debian package that holds a Tesseract language model (`chi_sim` is in `tesseract-ocr-chi-sim`).
pub fn language_package(lang: &str) -> String {
    format!("tesseract-ocr-{}", lang.to_lowercase().replace('_', "-"))
}

/// Checks that Tesseract runs and has every model in `languages` (`swe`, `swe+eng`).
pub fn check_tesseract(
    tesseract: &Path,
    languages: &str,
    budget: Duration,
) -> Result<(), OcrError> {
    let scratch = tempfile::tempdir().map_err(OcrError::io("cannot make a temporary folder"))?;
    let mut cmd = Command::new(tesseract);
    cmd.arg("--list-langs");
    let out = run(cmd, "tesseract", 0, scratch.path(), budget)?;
    let listing = String::from_utf8_lossy(&out.stdout);
    let installed = installed_languages(&listing);
    let missing: Vec<&str> = languages
        .split('+')
        .map(str::trim)
        .filter(|l| !l.is_empty() && !installed.iter().any(|i| i == l))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut packages: Vec<String> = missing.iter().map(|l| language_package(l)).collect();
    if missing.contains(&"swe") {
        packages.insert(0, "tesseract-ocr".to_string());
    }
    Err(OcrError::Unavailable {
        reason: format!(
            "Tesseract has no language model for {} (installed: {})",
            missing.join(", "),
            if installed.is_empty() {
                "none".to_string()
            } else {
                installed.join(", ")
            }
        ),
        packages: packages.join(" "),
    })
}

/// The model names in the output of `tesseract --list-langs` (a heading line, then one name per line).
fn installed_languages(listing: &str) -> Vec<String> {
    listing
        .lines()
        .filter(|l| !l.starts_with("List of available languages"))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains(' '))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_listing_is_read() {
        let listing = "List of available languages in \"/usr/share/tesseract-ocr/5/tessdata/\" (3):\neng\nosd\nswe\n";
        assert_eq!(installed_languages(listing), vec!["eng", "osd", "swe"]);
    }

    #[test]
    fn packages_are_named_the_debian_way() {
        assert_eq!(language_package("swe"), "tesseract-ocr-swe");
        assert_eq!(language_package("chi_sim"), "tesseract-ocr-chi-sim");
    }

    #[test]
    fn a_child_over_budget_is_killed() {
        let scratch = tempfile::tempdir().unwrap();
        let mut cmd = Command::new("sleep");
        cmd.arg("30");
        let started = Instant::now();
        let err = run(
            cmd,
            "tesseract",
            4,
            scratch.path(),
            Duration::from_millis(200),
        )
        .err()
        .unwrap();
        assert!(matches!(err, OcrError::Timeout { page: 4, .. }), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_missing_program_names_its_packages() {
        let scratch = tempfile::tempdir().unwrap();
        let cmd = Command::new("/nonexistent/tesseract");
        let err = run(cmd, "tesseract", 1, scratch.path(), Duration::from_secs(5))
            .err()
            .unwrap();
        let text = err.to_string();
        assert!(matches!(err, OcrError::Unavailable { .. }));
        assert!(text.contains("tesseract-ocr tesseract-ocr-swe"), "{text}");
    }
}
