//! `parallax demo`: the main job on the demo corpus, summarised for a person at a terminal.
use crate::cli::DemoArgs;
pub fn run(_args: &DemoArgs) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("demo: not yet")
}
