//! The quality score data.gouv.fr will compute for the dataset once published (udata 17,
//! `Dataset.compute_quality` and `compute_quality_score`: nine criteria, one point each, out
//! of `QUALITY_MAX_SCORE` = 9), foreseen from the form so the user knows what is missing
//! before publishing. The resource criteria count only when there are resources.

use super::dataset::{Dataset, ResourceType};
use serde::{Deserialize, Serialize};

/// The description length above which data.gouv.fr counts a description as one
/// (`QUALITY_DESCRIPTION_LENGTH`).
pub const DESCRIPTION_MIN: usize = 100;

/// The formats data.gouv.fr counts as closed.
const CLOSED_FORMATS: &[&str] = &["pdf", "doc", "docx", "word", "xls", "excel", "xlsx"];

/// One of data.gouv.fr's criteria.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Criterion {
    /// A licence is set.
    License,
    /// The temporal coverage is set.
    TemporalCoverage,
    /// The spatial coverage is set.
    Spatial,
    /// The update frequency is set (not "unknown").
    UpdateFrequency,
    /// The dataset is up to date for its frequency.
    UpdatedOnTime,
    /// The description is long enough.
    Description,
    /// At least one resource is in an open format.
    OpenFormat,
    /// Every resource can be downloaded.
    ResourcesAvailable,
    /// There is a documentation resource or resource descriptions.
    ResourcesDocumented,
}

/// The criteria, in data.gouv.fr's order.
pub const CRITERIA: [Criterion; 9] = [
    Criterion::License,
    Criterion::TemporalCoverage,
    Criterion::Spatial,
    Criterion::UpdateFrequency,
    Criterion::UpdatedOnTime,
    Criterion::Description,
    Criterion::OpenFormat,
    Criterion::ResourcesAvailable,
    Criterion::ResourcesDocumented,
];

/// Each criterion and whether the dataset will meet it once its files are uploaded.
pub fn assess(dataset: &Dataset) -> Vec<(Criterion, bool)> {
    CRITERIA.iter().map(|&c| (c, meets(dataset, c))).collect()
}

/// The score out of nine.
pub fn score(assessment: &[(Criterion, bool)]) -> usize {
    assessment.iter().filter(|(_, met)| *met).count()
}

fn meets(d: &Dataset, criterion: Criterion) -> bool {
    let frequency_set = !d.frequency.is_empty() && d.frequency != "unknown";
    match criterion {
        Criterion::License => !d.license.is_empty() && d.license != "notspecified",
        Criterion::TemporalCoverage => !d.temporal_start.is_empty(),
        Criterion::Spatial => !d.zones.is_empty() || !d.granularity.is_empty(),
        Criterion::UpdateFrequency => frequency_set,
        // Published today, the dataset is on time for any frequency it states (udata counts
        // frequencies without a period, such as `punctual`, as always on time).
        Criterion::UpdatedOnTime => frequency_set,
        Criterion::Description => d.description.chars().count() > DESCRIPTION_MIN,
        Criterion::OpenFormat => d.resources.iter().any(|r| {
            let format = r.format.to_lowercase();
            !format.is_empty() && !CLOSED_FORMATS.contains(&format.as_str())
        }),
        // Uploaded files are served by data.gouv.fr itself.
        Criterion::ResourcesAvailable => !d.resources.is_empty(),
        Criterion::ResourcesDocumented => {
            d.resources.iter().any(|r| r.kind == ResourceType::Documentation || !r.description.trim().is_empty())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::publish::dataset::Resource;

    fn dataset() -> Dataset {
        Dataset {
            title: "T".into(),
            description_short: String::new(),
            description: "x".repeat(101),
            tags: vec![],
            license: "lov2".into(),
            frequency: "annual".into(),
            temporal_start: "2020-01-01".into(),
            temporal_end: String::new(),
            zones: vec!["fr:commune:59522".into()],
            granularity: "fr:commune".into(),
            producer: String::new(),
            contact: String::new(),
            resources: vec![Resource {
                file: "a.csv".into(),
                title: "A".into(),
                description: "Les données.".into(),
                kind: ResourceType::Main,
                format: "csv".into(),
            }],
        }
    }

    #[test]
    fn a_complete_dataset_scores_nine() {
        assert_eq!(score(&assess(&dataset())), 9);
    }

    #[test]
    fn each_gap_costs_a_point() {
        let mut d = dataset();
        d.description = "x".repeat(100);
        d.frequency = "unknown".into();
        d.temporal_start.clear();
        let missing: Vec<Criterion> = assess(&d).into_iter().filter(|(_, met)| !met).map(|(c, _)| c).collect();
        assert_eq!(
            missing,
            [Criterion::TemporalCoverage, Criterion::UpdateFrequency, Criterion::UpdatedOnTime, Criterion::Description]
        );
        d.resources[0].format = "xlsx".into();
        d.resources[0].description.clear();
        assert_eq!(score(&assess(&d)), 3);
    }
}
