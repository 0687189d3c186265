//! How far a report says an uppdrag has come, read from the wording of its follow-up comment.
//!
//! The rules are ordered: a comment that calls the uppdrag multi-year says so whatever else it says;
//! "not finished" outranks words of completion ("har startat men … inte vara klart").

use crate::model::UppdragStatus;
use regex::Regex;
use std::sync::LazyLock;

static MULTI_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(flerårig|flerårigt|fleråriga|under hela \S+-processen)\b")
        .expect("valid regex")
});
static NOT_STARTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(inte\s+(påbörjat|startat)|ej\s+(påbörjat|startat)|har\s+inte\s+påbörjats|inväntar start)\b")
        .expect("valid regex")
});
static IN_PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(inte\s+(vara\s+)?klar[at]?|ej\s+klar[at]?|pågår|pågående|fortsätter|fortgår|kommer\s+att\s+(startas|fortsätta)|förväntas\s+falla\s+ut|måste\s+fortsätta|fortsatt\s+arbetet|har\s+startat|har\s+påbörjats|är\s+påbörja[dt])\b",
    )
    .expect("valid regex")
});
static COMPLETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(är\s+genomför[dt]|har\s+genomförts|genomfördes|avslutats|är\s+klar[at]?|slutför[dt]s?|har\s+färdigställts|är\s+beslutad)\b")
        .expect("valid regex")
});

/// The status a comment states, or `None` when its wording does not tell.
pub fn status_of(comment: &str) -> Option<UppdragStatus> {
    if MULTI_YEAR.is_match(comment) {
        Some(UppdragStatus::MultiYear)
    } else if NOT_STARTED.is_match(comment) {
        Some(UppdragStatus::NotStarted)
    } else if IN_PROGRESS.is_match(comment) {
        Some(UppdragStatus::InProgress)
    } else if COMPLETED.is_match(comment) {
        Some(UppdragStatus::Completed)
    } else {
        None
    }
}

/// The status a comment states and the words it was read from (as they stand in the comment), by
/// the same rules as [`status_of`].
pub fn status_evidence(comment: &str) -> Option<(UppdragStatus, String)> {
    [
        (&*MULTI_YEAR, UppdragStatus::MultiYear),
        (&*NOT_STARTED, UppdragStatus::NotStarted),
        (&*IN_PROGRESS, UppdragStatus::InProgress),
        (&*COMPLETED, UppdragStatus::Completed),
    ]
    .into_iter()
    .find_map(|(re, status)| re.find(comment).map(|m| (status, m.as_str().to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use UppdragStatus::*;

    #[test]
    fn wording_of_the_2024_report() {
        assert_eq!(
            status_of("Uppdraget har startat men har bedömts att inte vara klart vid årets slut."),
            Some(InProgress)
        );
        assert_eq!(
            status_of("Uppdraget har startat under året och var inte klart vid årets slut."),
            Some(InProgress)
        );
        assert_eq!(
            status_of("rapportering vid beredningarnas sammanträden. Uppdraget är flerårigt."),
            Some(MultiYear)
        );
        assert_eq!(
            status_of("Arbete pågår inom flera områden"),
            Some(InProgress)
        );
        assert_eq!(
            status_of("Rekryteringen till centrala enheten för 1177 direkt är genomförd."),
            Some(Completed)
        );
        assert_eq!(status_of("Se avsnitt 4."), None);
    }
}
