//! Compact data for the HTML page's script, which composes each (control, service) statement
//! and rationale on demand from the matrix's prose table, per-service pieces and per-control
//! decisions, the same pieces `Matrix::provider_statement`, `customer_statement` and
//! `rationale` join.

use super::controls::{mask, Decision};
use crate::model::Layer;
use crate::view::{rationale_held, Matrix, NO_TEXT};
use serde::Serialize;
use std::collections::HashMap;

/// The key under which the page model carries the script data as JSON text (`ScriptJson`).
pub const JSON_KEY: &str = "$json";

/// The script data as the page model carries it: already JSON text, under `JSON_KEY`, which the
/// `script-json` helper writes as it is. As a tree of template values it took about 20 MB of
/// the HTML renderer's memory at 1,295 controls × 500 services; as text, 4 MB.
#[derive(Debug)]
pub struct ScriptJson(String);

impl Serialize for ScriptJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(JSON_KEY, &self.0)?;
        map.end()
    }
}

#[derive(Debug, Default, Serialize)]
pub struct ScriptData {
    /// Layer ids, bottom to top: bit i of a layer mask is `layers[i]`.
    pub layers: Vec<&'static str>,
    /// Layer sentences and statements, each once, with the service's name as U+0001.
    pub strings: Vec<String>,
    pub services: Vec<ScriptService>,
    pub controls: Vec<ScriptControl>,
    /// Rationale endings (rule or override sentences), shared by decisions.
    pub tails: Vec<String>,
    #[serde(skip)]
    tail_index: HashMap<String, usize>,
    #[serde(skip)]
    string_index: HashMap<String, usize>,
}

/// A service: name, the rationale's intro, and per layer its owner (`p`, `c` or `s` in `o`),
/// its two sentences (indexes into `strings`) and its rationale note.
#[derive(Debug, Serialize)]
pub struct ScriptService {
    pub n: String,
    pub i: String,
    pub o: String,
    pub p: Vec<usize>,
    pub c: Vec<usize>,
    pub r: Vec<String>,
}

/// The name placeholder in `strings`.
const NAME: char = '\u{1}';

/// A control: its layer mask, one decision per outcome, and for every service (by position)
/// the index of its decision as one character, code point 48 + index.
#[derive(Debug, Serialize)]
pub struct ScriptControl {
    pub l: u32,
    pub a: String,
    pub d: Vec<ScriptDecision>,
}

/// A decision: status, its provider and customer statements (indexes into `strings`, -1 for
/// none), the rationale's middle and the index of its end.
#[derive(Debug, Serialize)]
pub struct ScriptDecision {
    pub s: &'static str,
    pub p: i64,
    pub c: i64,
    pub h: String,
    pub t: usize,
}

impl ScriptData {
    /// The data as JSON text for the page model.
    pub fn into_json(self) -> ScriptJson {
        ScriptJson(serde_json::to_string(&self).expect("script data always serializes"))
    }

    /// The services part; controls are pushed one by one.
    pub fn new(m: &Matrix) -> ScriptData {
        let mut data = ScriptData { layers: Layer::ALL.iter().map(|l| l.id()).collect(), ..Default::default() };
        for (si, s) in m.services.iter().enumerate() {
            let p = s.provider_sentences.iter().map(|t| data.sentence(t, &s.name)).collect();
            let c = s.customer_sentences.iter().map(|t| data.sentence(t, &s.name)).collect();
            data.services.push(ScriptService {
                n: s.name.clone(),
                i: m.rationale_intro(si),
                o: s.owners.iter().map(|(o, _)| &o.id()[..1]).collect(),
                p,
                c,
                r: Layer::ALL.iter().map(|&l| m.rationale_note(si, l)).collect(),
            });
        }
        data
    }

    /// The index of a sentence with the service's name taken out (the script puts it back).
    fn sentence(&mut self, text: &str, name: &str) -> usize {
        let key = if name.is_empty() || text.contains(NAME) {
            text.to_string()
        } else {
            text.replace(name, NAME.encode_utf8(&mut [0; 4]))
        };
        if let Some(&i) = self.string_index.get(&key) {
            return i;
        }
        self.strings.push(key.clone());
        self.string_index.insert(key, self.strings.len() - 1);
        self.strings.len() - 1
    }

    pub fn push_control(&mut self, m: &Matrix, ci: usize, decisions: &[Decision]) {
        let c = &m.controls[ci];
        let mut assign = vec![0usize; c.cells.len()];
        let mut d = Vec::with_capacity(decisions.len());
        for (di, dec) in decisions.iter().enumerate() {
            dec.members.iter().for_each(|&si| assign[si] = di);
            let si = dec.members[0];
            let p = self.statement(m, dec.cell.ptext, c.withdrawn.is_some());
            let cm = match &c.withdrawn {
                Some(_) => self.sentence(&m.customer_statement(c, &dec.cell, si), &m.services[si].name) as i64,
                None => self.statement(m, dec.cell.ctext, false),
            };
            let t = self.tail(m.rationale_tail(c, &dec.cell, si));
            d.push(ScriptDecision { s: dec.cell.status.id(), p, c: cm, h: rationale_held(c, &dec.cell), t });
        }
        let a = assign.into_iter().map(code).collect();
        self.controls.push(ScriptControl { l: mask(c.layers), a, d });
    }

    fn tail(&mut self, text: String) -> usize {
        if let Some(&i) = self.tail_index.get(&text) {
            return i;
        }
        self.tails.push(text.clone());
        self.tail_index.insert(text, self.tails.len() - 1);
        self.tails.len() - 1
    }

    /// The index in `strings` of a prose text, its name placeholder turned into the script's;
    /// -1 for none.
    fn statement(&mut self, m: &Matrix, id: u32, skip: bool) -> i64 {
        if skip || id == NO_TEXT {
            return -1;
        }
        let key = m.prose[id as usize].replace(crate::view::NAME, NAME.encode_utf8(&mut [0; 4]));
        self.sentence(&key, "") as i64
    }
}

/// A decision index as one character: code point 48 + index, skipping the surrogate range
/// (the script undoes both).
fn code(index: usize) -> char {
    let mut cp = 48 + index as u32;
    if cp >= 0xD800 {
        cp += 0x800;
    }
    char::from_u32(cp).unwrap_or('\u{FFFD}')
}
