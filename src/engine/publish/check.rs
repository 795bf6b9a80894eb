//! The publication form's checks: each field against data.gouv.fr's rules, so that nothing
//! the platform would refuse or silently drop reaches the files. The page words each problem
//! in French next to its field.

use super::dataset::Dataset;
use super::vocabulary::{self, FREQUENCIES, GRANULARITIES, LICENCES, TAG_MAX, TAG_MIN};
use serde::{Deserialize, Serialize};

/// The longest title data.gouv.fr takes.
pub const TITLE_MAX: usize = 350;
/// The longest short description.
pub const DESCRIPTION_SHORT_MAX: usize = 200;
/// The longest description.
pub const DESCRIPTION_MAX: usize = 100_000;

/// A field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// The title.
    Title,
    /// The short description.
    DescriptionShort,
    /// The description.
    Description,
    /// The tags.
    Tags,
    /// The licence.
    License,
    /// The frequency.
    Frequency,
    /// The first day covered.
    TemporalStart,
    /// The last day covered.
    TemporalEnd,
    /// The zones.
    Zones,
    /// The granularity.
    Granularity,
    /// The producer.
    Producer,
    /// The contact.
    Contact,
    /// The title of resource `n`.
    ResourceTitle(usize),
    /// The description of resource `n`.
    ResourceDescription(usize),
}

/// Where a field's text lives in a dataset: the one place the form's fields are bound to it.
/// `None` for the lists (`Tags`, `Zones`: see [`Field::list`]) and for a resource the dataset
/// does not have.
macro_rules! text_of {
    ($field:expr, $dataset:expr, $get:ident, $($borrow:tt)+) => {
        match $field {
            Field::Title => Some($($borrow)+ $dataset.title),
            Field::DescriptionShort => Some($($borrow)+ $dataset.description_short),
            Field::Description => Some($($borrow)+ $dataset.description),
            Field::License => Some($($borrow)+ $dataset.license),
            Field::Frequency => Some($($borrow)+ $dataset.frequency),
            Field::TemporalStart => Some($($borrow)+ $dataset.temporal_start),
            Field::TemporalEnd => Some($($borrow)+ $dataset.temporal_end),
            Field::Granularity => Some($($borrow)+ $dataset.granularity),
            Field::Producer => Some($($borrow)+ $dataset.producer),
            Field::Contact => Some($($borrow)+ $dataset.contact),
            Field::ResourceTitle(i) => $dataset.resources.$get(i).map(|r| $($borrow)+ r.title),
            Field::ResourceDescription(i) => $dataset.resources.$get(i).map(|r| $($borrow)+ r.description),
            Field::Tags | Field::Zones => None,
        }
    };
}

impl Field {
    /// The field's text in `dataset`.
    pub fn text(self, dataset: &Dataset) -> Option<&String> {
        text_of!(self, dataset, get, &)
    }

    /// The field's text in `dataset`, to change it.
    pub fn text_mut(self, dataset: &mut Dataset) -> Option<&mut String> {
        text_of!(self, dataset, get_mut, &mut)
    }

    /// The field's items in `dataset`, for the lists (`Tags`, `Zones`).
    pub fn list(self, dataset: &Dataset) -> Option<&Vec<String>> {
        match self {
            Self::Tags => Some(&dataset.tags),
            Self::Zones => Some(&dataset.zones),
            _ => None,
        }
    }

    /// The field's items in `dataset`, to change them.
    pub fn list_mut(self, dataset: &mut Dataset) -> Option<&mut Vec<String>> {
        match self {
            Self::Tags => Some(&mut dataset.tags),
            Self::Zones => Some(&mut dataset.zones),
            _ => None,
        }
    }
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Issue {
    /// Required and empty.
    Missing,
    /// Longer than allowed (in characters).
    TooLong {
        /// The limit.
        max: usize,
        /// The length.
        len: usize,
    },
    /// A tag that is not a slug: data.gouv.fr would store `slug` instead.
    NotASlug {
        /// The tag as typed.
        tag: String,
        /// As data.gouv.fr would store it.
        slug: String,
    },
    /// A tag shorter or longer than data.gouv.fr keeps.
    TagLength {
        /// The tag.
        tag: String,
    },
    /// The same tag twice.
    DuplicateTag {
        /// The tag.
        tag: String,
    },
    /// An id outside data.gouv.fr's vocabulary.
    UnknownId {
        /// The id.
        id: String,
    },
    /// Not a date written `AAAA-MM-JJ`.
    NotADate {
        /// The text.
        text: String,
    },
    /// The coverage ends before it starts.
    EndsBeforeStart,
    /// Not a data.gouv.fr zone id.
    NotAZone {
        /// The text.
        zone: String,
    },
    /// Neither an e-mail nor a web address.
    NotAContact,
}

/// One problem of the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The field concerned.
    pub field: Field,
    /// What is wrong.
    pub issue: Issue,
}

/// Every problem of `dataset`, in the order of the form.
pub fn check(dataset: &Dataset) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut add = |field, issue| out.push(Problem { field, issue });
    if let Some(i) = required(&dataset.title, TITLE_MAX) {
        add(Field::Title, i);
    }
    let short = dataset.description_short.chars().count();
    if short > DESCRIPTION_SHORT_MAX {
        add(Field::DescriptionShort, Issue::TooLong { max: DESCRIPTION_SHORT_MAX, len: short });
    }
    if let Some(i) = required(&dataset.description, DESCRIPTION_MAX) {
        add(Field::Description, i);
    }
    for (i, tag) in dataset.tags.iter().enumerate() {
        let slug = vocabulary::tag(tag);
        let len = slug.chars().count();
        if slug != *tag {
            add(Field::Tags, Issue::NotASlug { tag: tag.clone(), slug });
        } else if !(TAG_MIN..=TAG_MAX).contains(&len) {
            add(Field::Tags, Issue::TagLength { tag: tag.clone() });
        } else if dataset.tags[..i].contains(tag) {
            add(Field::Tags, Issue::DuplicateTag { tag: tag.clone() });
        }
    }
    if !vocabulary::knows(LICENCES, &dataset.license) {
        add(Field::License, Issue::UnknownId { id: dataset.license.clone() });
    }
    if !vocabulary::knows(FREQUENCIES, &dataset.frequency) {
        add(Field::Frequency, Issue::UnknownId { id: dataset.frequency.clone() });
    }
    let start = date(&dataset.temporal_start);
    let end = date(&dataset.temporal_end);
    if !dataset.temporal_start.is_empty() && start.is_none() {
        add(Field::TemporalStart, Issue::NotADate { text: dataset.temporal_start.clone() });
    }
    if dataset.temporal_start.is_empty() && !dataset.temporal_end.is_empty() {
        add(Field::TemporalStart, Issue::Missing);
    }
    if !dataset.temporal_end.is_empty() && end.is_none() {
        add(Field::TemporalEnd, Issue::NotADate { text: dataset.temporal_end.clone() });
    }
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        add(Field::TemporalEnd, Issue::EndsBeforeStart);
    }
    for zone in dataset.zones.iter().filter(|z| !vocabulary::is_zone(z)) {
        add(Field::Zones, Issue::NotAZone { zone: zone.clone() });
    }
    if !vocabulary::knows(GRANULARITIES, &dataset.granularity) {
        add(Field::Granularity, Issue::UnknownId { id: dataset.granularity.clone() });
    }
    if !dataset.contact.is_empty() && !is_contact(&dataset.contact) {
        add(Field::Contact, Issue::NotAContact);
    }
    for (i, r) in dataset.resources.iter().enumerate() {
        if let Some(issue) = required(&r.title, TITLE_MAX) {
            add(Field::ResourceTitle(i), issue);
        }
    }
    out
}

/// The issue of a required text, if any.
fn required(text: &str, max: usize) -> Option<Issue> {
    let len = text.chars().count();
    if text.trim().is_empty() {
        Some(Issue::Missing)
    } else if len > max {
        Some(Issue::TooLong { max, len })
    } else {
        None
    }
}

/// An ISO 8601 calendar date `AAAA-MM-JJ`, as (year, month, day), if it exists.
pub fn date(text: &str) -> Option<(u16, u8, u8)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: u16 = text.get(..4)?.parse().ok()?;
    let month: u8 = text.get(5..7)?.parse().ok()?;
    let day: u8 = text.get(8..)?.parse().ok()?;
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (year >= 1000 && (1..=days).contains(&day)).then_some((year, month, day))
}

/// An e-mail address or a web address, loosely.
fn is_contact(text: &str) -> bool {
    let text = text.trim();
    let email = text.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    });
    email || text.starts_with("https://") || text.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::publish::dataset::{Resource, ResourceType};

    fn valid() -> Dataset {
        Dataset {
            title: "Revenus à Sailly-lez-Lannoy (2020)".into(),
            description_short: String::new(),
            description: "Description.".into(),
            tags: vec!["insee".into(), "revenus".into()],
            license: "lov2".into(),
            frequency: "annual".into(),
            temporal_start: "2020-01-01".into(),
            temporal_end: "2020-12-31".into(),
            zones: vec!["fr:commune:59522".into()],
            granularity: "fr:commune".into(),
            producer: String::new(),
            contact: "mairie@sailly-lez-lannoy.fr".into(),
            resources: vec![Resource {
                file: "a.csv".into(),
                title: "Données".into(),
                description: String::new(),
                kind: ResourceType::Main,
                format: "csv".into(),
            }],
        }
    }

    fn issues(d: &Dataset) -> Vec<(Field, Issue)> {
        check(d).into_iter().map(|p| (p.field, p.issue)).collect()
    }

    #[test]
    fn every_field_of_the_form_reads_and_writes_its_place_in_the_dataset() {
        let mut d = Dataset::propose(&crate::engine::publish::facts::example());
        let texts = [
            Field::Title,
            Field::DescriptionShort,
            Field::Description,
            Field::License,
            Field::Frequency,
            Field::TemporalStart,
            Field::TemporalEnd,
            Field::Granularity,
            Field::Producer,
            Field::Contact,
            Field::ResourceTitle(0),
            Field::ResourceDescription(0),
        ];
        for (n, field) in texts.into_iter().enumerate() {
            *field.text_mut(&mut d).expect("a text field") = format!("valeur {n}");
        }
        for (n, field) in texts.into_iter().enumerate() {
            assert_eq!(field.text(&d).map(String::as_str), Some(format!("valeur {n}").as_str()), "{field:?}");
        }
        assert_eq!((d.title.as_str(), d.resources[0].description.as_str()), ("valeur 0", "valeur 11"));
        assert!(Field::ResourceTitle(99).text(&d).is_none() && Field::Tags.text(&d).is_none());
        Field::Zones.list_mut(&mut d).expect("a list").push("fr:commune:59522".into());
        assert_eq!(Field::Zones.list(&d), Some(&d.zones));
    }

    #[test]
    fn a_valid_dataset_has_no_problem() {
        assert_eq!(issues(&valid()), []);
    }

    #[test]
    fn each_rule() {
        let mut d = valid();
        d.title = "x".repeat(351);
        d.description = " ".into();
        d.tags = vec!["Besoins sociaux".into(), "ab".into(), "insee".into(), "insee".into()];
        d.license = "etalab-2.0".into();
        d.frequency = "yearly".into();
        d.temporal_start = "2020-02-30".into();
        d.temporal_end = "2019-12-31".into();
        d.zones = vec!["59522".into()];
        d.contact = "mairie".into();
        d.resources[0].title.clear();
        assert_eq!(
            issues(&d),
            [
                (Field::Title, Issue::TooLong { max: 350, len: 351 }),
                (Field::Description, Issue::Missing),
                (Field::Tags, Issue::NotASlug { tag: "Besoins sociaux".into(), slug: "besoins-sociaux".into() }),
                (Field::Tags, Issue::TagLength { tag: "ab".into() }),
                (Field::Tags, Issue::DuplicateTag { tag: "insee".into() }),
                (Field::License, Issue::UnknownId { id: "etalab-2.0".into() }),
                (Field::Frequency, Issue::UnknownId { id: "yearly".into() }),
                (Field::TemporalStart, Issue::NotADate { text: "2020-02-30".into() }),
                (Field::Zones, Issue::NotAZone { zone: "59522".into() }),
                (Field::Contact, Issue::NotAContact),
                (Field::ResourceTitle(0), Issue::Missing),
            ]
        );
    }

    #[test]
    fn coverage_order_and_dates() {
        let mut d = valid();
        d.temporal_end = "2019-12-31".into();
        assert_eq!(issues(&d), [(Field::TemporalEnd, Issue::EndsBeforeStart)]);
        assert_eq!(date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(date("2023-02-29"), None);
        assert_eq!(date("2023-13-01"), None);
        assert_eq!(date("2023-1-01"), None);
        assert_eq!(date("éé23-01-01"), None);
    }
}
