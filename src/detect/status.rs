//! How far a report says an uppdrag has come, read from the wording of its follow-up comment.
//!
//! The phrases come from the profile. The rules are ordered: a comment that calls the uppdrag multi-year says so whatever else it says;
//! "not finished" outranks words of completion ("har startat men … inte vara klart").

use super::lines::Rules;
use crate::model::UppdragStatus;

/// The status a comment states, or `None` when its wording does not tell.
pub fn status_of(rules: &Rules, comment: &str) -> Option<UppdragStatus> {
    rules
        .status
        .iter()
        .find(|(_, phrases)| phrases.is_match(comment))
        .map(|(status, _)| *status)
}

/// The status a comment states and the words it was read from (as they stand in the comment), by
/// the same rules as [`status_of`] with the default profile's phrases (the dataset reads comments of
/// documents extracted under any profile; the default's phrases cover the Örebro profile's).
pub fn status_evidence(comment: &str) -> Option<(UppdragStatus, String)> {
    super::default_rules()
        .status
        .iter()
        .find_map(|(status, re)| re.find(comment).map(|m| (*status, m.as_str().to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::profile::Profile;
    use UppdragStatus::*;

    fn status(comment: &str) -> Option<UppdragStatus> {
        status_of(&Rules::new(Profile::orebro()), comment)
    }

    #[test]
    fn wording_of_the_2024_report() {
        assert_eq!(
            status("Uppdraget har startat men har bedömts att inte vara klart vid årets slut."),
            Some(InProgress)
        );
        assert_eq!(
            status("Uppdraget har startat under året och var inte klart vid årets slut."),
            Some(InProgress)
        );
        assert_eq!(
            status("rapportering vid beredningarnas sammanträden. Uppdraget är flerårigt."),
            Some(MultiYear)
        );
        assert_eq!(status("Arbete pågår inom flera områden"), Some(InProgress));
        assert_eq!(
            status("Rekryteringen till centrala enheten för 1177 direkt är genomförd."),
            Some(Completed)
        );
        assert_eq!(status("Se avsnitt 4."), None);
    }
}
