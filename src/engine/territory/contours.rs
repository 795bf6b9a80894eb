//! The communes' contours, one file per département (`public/contours/NN.json`, made by
//! `scripts/contours.mjs` from IGN's Admin Express COG 2018): read, and turned into the GeoJSON
//! a map of some communes draws. A commune nouvelle created since is drawn with the contours of
//! the communes it merged, found under its former codes.
//!
//! ```
//! use carnet::engine::territory::contours::{Atlas, Contours};
//! let file = r#"{"departement":"59","source":"IGN","scale":10000,
//!   "communes":[["59522","Sailly-lez-Lannoy",[[[32000,506000,10,0,0,10,-10,0,0,-10]]]]]}"#;
//! let mut atlas = Atlas::default();
//! atlas.add(Contours::parse(file).unwrap());
//! let map = atlas.geojson(&[("59522", "Sailly-lez-Lannoy", &[][..])]);
//! assert_eq!(map.drawn, ["59522"]);
//! assert_eq!(map.geojson["features"][0]["geometry"]["coordinates"][0][0][1], serde_json::json!([3.201, 50.6]));
//! ```

use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The largest contour file read, in bytes (the largest shipped is 251 KB).
const MOST_BYTES: usize = 16 << 20;

/// The most points a contour file may hold (France's largest, the Pas-de-Calais, has about
/// 60,000): a longer file is refused rather than drawn.
const MOST_POINTS: usize = 2_000_000;

/// A polygon: its rings, each a list of (longitude, latitude) in degrees.
pub type Polygon = Vec<Vec<[f64; 2]>>;

/// One département's communes and their contours.
#[derive(Clone, Debug, Default)]
pub struct Contours {
    /// The département's code.
    pub departement: String,
    /// Where the contours come from, for the map's source line.
    pub source: String,
    /// Each commune's name (as the contours' vintage writes it) and polygons, by code.
    communes: BTreeMap<String, (String, Vec<Polygon>)>,
}

/// A commune as written: code, name, polygons of rings of integers (the first point whole,
/// the others as steps).
type Written = (String, String, Vec<Vec<Vec<i64>>>);

/// The file as written.
#[derive(Deserialize)]
struct File {
    departement: String,
    source: String,
    scale: f64,
    communes: Vec<Written>,
}

impl Contours {
    /// Reads a contour file.
    ///
    /// # Errors
    /// What is wrong with it, in words: not JSON of that shape, a ring of an odd count of
    /// numbers, a scale that is not positive, more points than a département has.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.len() > MOST_BYTES {
            return Err(format!("fichier de contours trop grand : {} octets", text.len()));
        }
        let file: File = serde_json::from_str(text).map_err(|e| format!("fichier de contours illisible : {e}"))?;
        if file.scale.is_nan() || file.scale <= 0.0 {
            return Err(format!("échelle des contours invalide : {}", file.scale));
        }
        let points: usize = file.communes.iter().flat_map(|c| &c.2).flatten().map(|r| r.len() / 2).sum();
        if points > MOST_POINTS {
            return Err(format!("fichier de contours trop grand : {points} points"));
        }
        let mut communes = BTreeMap::new();
        for (code, name, polygons) in file.communes {
            let mut shapes = Vec::with_capacity(polygons.len());
            for rings in polygons {
                let mut polygon = Vec::with_capacity(rings.len());
                for ring in rings {
                    if ring.len() % 2 != 0 || ring.len() < 8 {
                        return Err(format!("contour de la commune {code} mal formé"));
                    }
                    let (mut x, mut y) = (0_i64, 0_i64);
                    let points = ring
                        .chunks_exact(2)
                        .map(|step| {
                            (x, y) = (x.saturating_add(step[0]), y.saturating_add(step[1]));
                            [x as f64 / file.scale, y as f64 / file.scale]
                        })
                        .collect();
                    polygon.push(points);
                }
                shapes.push(polygon);
            }
            communes.insert(code, (name, shapes));
        }
        Ok(Self { departement: file.departement, source: file.source, communes })
    }

    /// How many communes it draws.
    pub fn len(&self) -> usize {
        self.communes.len()
    }

    /// Whether it draws none.
    pub fn is_empty(&self) -> bool {
        self.communes.is_empty()
    }
}

/// The département a commune's contours are filed under: `97x` overseas, else the first two
/// characters (`2A`, `59`).
///
/// ```
/// use carnet::engine::territory::contours::departement_of;
/// assert_eq!((departement_of("59522"), departement_of("97101"), departement_of("2A004")), ("59", "971", "2A"));
/// ```
pub fn departement_of(commune: &str) -> &str {
    let end = if commune.starts_with("97") { 3 } else { 2 };
    commune.get(..end).unwrap_or(commune)
}

/// The contours of the départements read so far.
#[derive(Clone, Debug, Default)]
pub struct Atlas {
    by_departement: BTreeMap<String, Contours>,
}

/// The GeoJSON of some communes, and which of them it draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// A FeatureCollection, each feature named by its commune's name.
    pub geojson: Value,
    /// The codes of the communes drawn, in the order asked.
    pub drawn: Vec<String>,
    /// Where the contours come from.
    pub source: String,
    /// The latitude halfway between the southernmost and northernmost points, in degrees:
    /// what the map's aspect is corrected by.
    pub latitude: f64,
}

impl Drawing {
    /// Whether commune `code` lies in the eastern half of the drawing (its label then reads
    /// leftwards, so as not to run off the map).
    pub fn in_the_east(&self, code: &str) -> bool {
        let longitudes = |f: &Value| -> Vec<f64> {
            f["geometry"]["coordinates"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|polygon| polygon.get(0)?.as_array())
                .flatten()
                .filter_map(|point| point.get(0)?.as_f64())
                .collect()
        };
        let features = self.geojson["features"].as_array().map(Vec::as_slice).unwrap_or_default();
        let all: Vec<f64> = features.iter().flat_map(longitudes).collect();
        let (west, east) = all.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(w, e), x| (w.min(*x), e.max(*x)));
        let own: Vec<f64> = features.iter().filter(|f| f["properties"]["code"] == code).flat_map(longitudes).collect();
        !own.is_empty() && own.iter().sum::<f64>() / own.len() as f64 > f64::midpoint(west, east)
    }
}

impl Atlas {
    /// Adds (or replaces) a département's contours.
    pub fn add(&mut self, contours: Contours) {
        self.by_departement.insert(contours.departement.clone(), contours);
    }

    /// The communes whose contours département `code` has, by code, with the names the
    /// contours give them; none when its contours were not read.
    pub fn communes_of(&self, code: &str) -> Vec<(String, String)> {
        self.by_departement
            .get(code)
            .map(|d| d.communes.iter().map(|(c, (name, _))| (c.clone(), name.clone())).collect())
            .unwrap_or_default()
    }

    /// Whether the contours of département `code` were read.
    pub fn has(&self, code: &str) -> bool {
        self.by_departement.contains_key(code)
    }

    /// The polygons of a commune: its own code's, else those of the codes it had before a
    /// merger (a commune nouvelle created after the contours' vintage).
    fn polygons(&self, code: &str, former: &[String]) -> Vec<&Polygon> {
        let of =
            |c: &str| self.by_departement.get(departement_of(c)).and_then(|d| d.communes.get(c)).map(|(_, p)| p.iter());
        // A commune nouvelle that kept one of its former codes is that commune's outline and the
        // others'; one with a code of its own, the outlines of all of them.
        let mut codes: Vec<&str> = vec![code];
        for c in former {
            if !codes.contains(&c.as_str()) {
                codes.push(c);
            }
        }
        codes.into_iter().filter_map(of).flatten().collect()
    }

    /// The GeoJSON of `communes` (code, name as the map writes it, former codes): one feature
    /// each, named by its name, for those whose contours were read.
    pub fn geojson(&self, communes: &[(&str, &str, &[String])]) -> Drawing {
        let mut features = Vec::new();
        let mut drawn = Vec::new();
        let mut sources: Vec<&str> = Vec::new();
        let (mut south, mut north) = (f64::INFINITY, f64::NEG_INFINITY);
        for (code, name, former) in communes {
            let polygons = self.polygons(code, former);
            if polygons.is_empty() {
                continue;
            }
            if let Some(d) = self.by_departement.get(departement_of(code))
                && !sources.contains(&d.source.as_str())
            {
                sources.push(&d.source);
            }
            for point in polygons.iter().flat_map(|p| p.iter()).flatten() {
                (south, north) = (south.min(point[1]), north.max(point[1]));
            }
            features.push(json!({
                "type": "Feature",
                "properties": { "name": name, "code": code },
                "geometry": { "type": "MultiPolygon", "coordinates": polygons },
            }));
            drawn.push((*code).to_owned());
        }
        Drawing {
            geojson: json!({ "type": "FeatureCollection", "features": features }),
            latitude: if drawn.is_empty() { 0.0 } else { f64::midpoint(south, north) },
            drawn,
            source: sources.join(" ; "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NORD: &str = r#"{"departement":"59","source":"IGN","scale":10000,"communes":[
        ["59001","A",[[[10,10,5,0,0,5,-5,0,0,-5]]]],
        ["59002","B",[[[20,20,5,0,0,5,-5,0,0,-5]],[[40,40,5,0,0,5,-5,0,0,-5]]]]]}"#;

    #[test]
    fn a_commune_nouvelle_is_drawn_with_the_communes_it_merged() {
        let mut atlas = Atlas::default();
        atlas.add(Contours::parse(NORD).unwrap());
        let former = vec!["59001".to_owned(), "59002".to_owned()];
        let map = atlas.geojson(&[("59999", "Nouvelle", &former), ("59002", "B", &[]), ("62001", "Ailleurs", &[])]);
        assert_eq!(map.drawn, ["59999", "59002"]);
        let features = map.geojson["features"].as_array().unwrap();
        assert_eq!(features[0]["geometry"]["coordinates"].as_array().unwrap().len(), 3);
        // One that kept the code of one of the communes it merged: all of them.
        let kept = atlas.geojson(&[("59001", "Nouvelle", &former)]);
        assert_eq!(kept.geojson["features"][0]["geometry"]["coordinates"].as_array().unwrap().len(), 3);
        assert_eq!(features[0]["properties"]["name"], "Nouvelle");
        assert_eq!(features[1]["geometry"]["coordinates"][1][0][0], json!([0.004, 0.004]));
        assert_eq!(map.source, "IGN");
    }

    #[test]
    fn a_damaged_file_is_refused_in_words() {
        for bad in [
            "",
            "{}",
            r#"{"departement":"59","source":"","scale":0,"communes":[]}"#,
            r#"{"departement":"59","source":"","scale":1,"communes":[["1","A",[[[1,2,3]]]]]}"#,
        ] {
            assert!(Contours::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_shipped_file_reads() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/contours");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let contours = Contours::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
                assert!(!contours.is_empty(), "{}", path.display());
                read += 1;
            }
        }
        assert_eq!(read, 101);
    }
}
