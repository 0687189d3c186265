//! `--profile`: the words detection looks for, shared by `extract` and `run`.

use styrdok::detect::{DetectOptions, Profile, ProfileError};
use styrdok::pipeline::Options;

#[derive(clap::Args, Debug, Default)]
pub struct DetectArgs {
    /// Detection profile: `general` (the default), `region-orebro-hsn`, or a JSON file written like the
    /// files in `profiles/` (see docs/detection.md).
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
}

impl DetectArgs {
    /// Sets the profile given on the command line (detection and indicator tables); an unreadable or
    /// invalid file is an error.
    pub fn apply(&self, opts: &mut Options) -> Result<(), ProfileError> {
        if let Some(name) = &self.profile {
            let profile = Profile::load(name)?;
            opts.tables.indicator_columns = profile.indicator_table.clone();
            opts.detect = DetectOptions {
                metadata: opts.detect.metadata,
                ..DetectOptions::with_profile(profile)
            };
        }
        Ok(())
    }
}
