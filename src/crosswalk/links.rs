//! "Also serves": for each control of the run, the controls of the other selected frameworks
//! that some crosswalk relates it to, read from this control's side (an edge `A subset-of B`
//! tells B that it is a superset of A), one entry per related control, the strongest kept.

use super::edge::{Relationship, Strength};
use super::{scheme, Crosswalk};
use crate::model::{control_id, Catalog};
use crate::view::Matrix;
use std::collections::HashMap;

/// One control another control serves, as this control's side reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlsoServes {
    /// Index into `Matrix::controls`.
    pub control: usize,
    /// How this control relates to that one: `superset-of` reads "this is a superset of that".
    pub relationship: Relationship,
    pub strength: Strength,
    /// The crosswalks that say so, by title, and where (file and row or map).
    pub sources: Vec<String>,
    pub provenance: Vec<String>,
    /// The first rationale a source gives.
    pub rationale: String,
}

/// Control lookup: per framework index, control key → index into `Matrix::controls`. ISO ids
/// are also found without their "A." (SCF and the CSF tool write `5.1.1` for `A.5.1.1`).
struct Index {
    by_key: HashMap<(usize, String), usize>,
}

impl Index {
    fn new(m: &Matrix) -> Index {
        let mut by_key = HashMap::new();
        for (ci, c) in m.controls.iter().enumerate() {
            let key = control_id::key(&c.id);
            if let Some(short) = key.strip_prefix("a.") {
                by_key.entry((c.framework, short.to_string())).or_insert(ci);
            }
            by_key.insert((c.framework, key), ci);
        }
        Index { by_key }
    }

    fn find(&self, fi: usize, key: &str) -> Option<usize> {
        self.by_key.get(&(fi, key.to_string())).copied()
    }
}

/// The "also serves" list of every control (indexed like `m.controls`); empty lists when no
/// crosswalk relates two selected frameworks. `catalogs` are the run's, in framework order.
pub fn link(m: &Matrix, catalogs: &[Catalog], crosswalks: &[Crosswalk]) -> Vec<Vec<AlsoServes>> {
    let index = Index::new(m);
    let frameworks = |name: &str| -> Vec<usize> {
        catalogs.iter().enumerate().filter(|(_, c)| scheme::names_catalog(name, c)).map(|(i, _)| i).collect()
    };
    let mut cache: HashMap<String, Vec<usize>> = HashMap::new();
    let mut out: Vec<Vec<AlsoServes>> = vec![Vec::new(); m.controls.len()];
    for cw in crosswalks {
        for e in &cw.edges {
            let from_fw =
                cache.entry(e.from.framework.clone()).or_insert_with(|| frameworks(&e.from.framework)).clone();
            if from_fw.is_empty() {
                continue;
            }
            let to_fw = cache.entry(e.to.framework.clone()).or_insert_with(|| frameworks(&e.to.framework)).clone();
            let Some(strength) = e.strength() else { continue };
            let back = match e.strength() {
                Some(Strength::Related) => Strength::Related,
                _ => e.relationship.inverse().strength().unwrap_or(Strength::Related),
            };
            for &fa in &from_fw {
                let Some(a) = index.find(fa, &e.from.key) else { continue };
                for &fb in &to_fw {
                    let Some(b) = index.find(fb, &e.to.key) else { continue };
                    if a == b || m.controls[a].framework == m.controls[b].framework {
                        continue;
                    }
                    let (ra, rb) = match strength {
                        Strength::Related => (Relationship::Related, Relationship::Related),
                        _ => (e.relationship, e.relationship.inverse()),
                    };
                    add(&mut out[a], b, ra, strength, cw, e);
                    add(&mut out[b], a, rb, back, cw, e);
                }
            }
        }
    }
    for list in &mut out {
        list.sort_by_key(|x| x.control);
    }
    out
}

fn add(list: &mut Vec<AlsoServes>, to: usize, rel: Relationship, strength: Strength, cw: &Crosswalk, e: &super::Edge) {
    let source = cw.title.clone();
    match list.iter_mut().find(|x| x.control == to) {
        Some(x) => {
            if strength < x.strength {
                x.strength = strength;
                x.relationship = rel;
                if !e.rationale.is_empty() {
                    x.rationale = e.rationale.clone();
                }
            }
            if !x.sources.contains(&source) {
                x.sources.push(source);
            }
            if x.provenance.len() < 3 && !x.provenance.contains(&e.provenance) {
                x.provenance.push(e.provenance.clone());
            }
        }
        None => list.push(AlsoServes {
            control: to,
            relationship: rel,
            strength,
            sources: vec![source],
            provenance: vec![e.provenance.clone()],
            rationale: e.rationale.clone(),
        }),
    }
}

/// `iso-27001-2022 5.15 (partial: subset-of; ISO/IEC 27002:2013 to …)`, or `… (related; …)`
/// for a concept crosswalk: one entry in words.
pub fn describe(m: &Matrix, x: &AlsoServes) -> String {
    let c = &m.controls[x.control];
    let how = match x.strength {
        Strength::Related => "related".to_string(),
        s => format!("{}: {}", s.id(), x.relationship.id()),
    };
    format!("{} {} ({how}; {})", m.frameworks[c.framework].id, c.id, x.sources.join(", "))
}
