//! Responsibility sentences: per-control handlebars templates (`templates/statements/*.yaml`)
//! with variants per service model and product, and the per-layer sentences of
//! `templates/statements.yaml` that describe a service's layers.

use super::wording_data::{self, Entry, Set};
use crate::data::embedded::{DataSource, STATEMENT_SETS};
use crate::data::yaml;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::model::{control_id, Layer, Registry, Service};
use handlebars::Handlebars;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

const FILE: &str = "templates/statements.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatements {
    layers: BTreeMap<String, RawPair>,
    /// The fallback for controls no statement set words.
    control: wording_data::RawTexts,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    provider: String,
    customer: String,
}

/// A template registered in handlebars, and what it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Template {
    pub id: u32,
    /// The template reads `{{product}}`, so its text varies by product, not only by model.
    pub uses_product: bool,
}

/// The sentence templates. Control templates are compiled on first use (a run words only the
/// controls and models it has; thousands of unused templates would cost more than the run).
pub struct Statements {
    /// Behind locks, so controls can be worded on several threads (the lazy compile writes).
    pub(super) hb: RwLock<Handlebars<'static>>,
    /// Each control template's source, by id, and whether it is compiled yet.
    pub(super) sources: Vec<String>,
    compiled: RwLock<Vec<bool>>,
    /// Statement sets by their `catalog:` id.
    pub(super) sets: HashMap<String, Set>,
    /// The generic texts every lookup falls back to.
    pub(super) generic: Entry,
    /// No texts: what `lookup` gives for a control, family or default a set does not word, so
    /// the next entry in the chain answers (not the generic texts, which would end it).
    none: Entry,
    /// Where each template came from, by id, for messages.
    pub(super) places: Vec<String>,
}

#[derive(serde::Serialize)]
struct LayerContext<'a> {
    service: &'a str,
    product: &'a str,
    provider: &'a str,
    model: &'a str,
    plural: bool,
}

impl Statements {
    /// Loads and compiles every template; a missing layer, an unknown key or a template syntax
    /// error is an error at its place.
    pub fn load(source: &DataSource) -> Result<Statements> {
        let file = source.read(FILE)?;
        let raw: RawStatements = yaml::parse(&file.name, &file.text)?;
        let mut st = Statements {
            hb: RwLock::new(new_handlebars()),
            sources: Vec::new(),
            compiled: RwLock::new(Vec::new()),
            sets: HashMap::new(),
            generic: Entry::default(),
            none: Entry::default(),
            places: vec![],
        };
        let mut errors = Vec::new();
        for layer in Layer::ALL {
            let place = || match yaml::line_of(&file.text, &format!("{}:", layer.id())) {
                Some(l) => Location::line(&file.name, l, 1),
                None => Location::file(&file.name),
            };
            let Some(pair) = raw.layers.iter().find(|(k, _)| Layer::parse(k) == Some(layer)).map(|(_, p)| p) else {
                errors.push(Diagnostic::error(place(), format!("no sentences for layer {layer}")));
                continue;
            };
            for (party, text) in [("provider", &pair.provider), ("customer", &pair.customer)] {
                if let Err(e) = st
                    .hb
                    .get_mut()
                    .unwrap_or_else(PoisonError::into_inner)
                    .register_template_string(&format!("{}/{party}", layer.id()), text)
                {
                    errors.push(Diagnostic::error(place(), format!("{layer} {party} template: {}", short(&e))));
                }
            }
        }
        let mut compile = wording_data::Compiler { st: &mut st, errors: &mut errors };
        let generic = compile.texts(&raw.control, &wording_data::Places::new(&file.name, &file.text), "control");
        for (field, missing) in [
            ("provider", generic.provider.is_none()),
            ("customer", generic.customer.is_none()),
            ("inherited", generic.inherited.is_none()),
        ] {
            if missing {
                let msg = format!("control.{field}: a fallback text is required");
                compile.errors.push(Diagnostic::error(Location::file(&file.name), msg));
            }
        }
        compile.st.generic = Entry { base: generic, ..Entry::default() };
        let mut files: Vec<String> = STATEMENT_SETS.iter().map(|s| s.to_string()).collect();
        files.extend(source.extra_files("templates/statements", "yaml"));
        for rel in files {
            let f = source.read(&rel)?;
            if let Some(set) = compile.set(&f.name, &f.text)? {
                let into = compile.st.sets.entry(set.catalog.clone()).or_default();
                into.merge(set, &f.name, compile.errors);
            }
        }
        if !errors.is_empty() {
            return Err(Error::Unreadable(errors));
        }
        st.compiled = RwLock::new(vec![false; st.sources.len()]);
        Ok(st)
    }

    /// Renders control template `id`, compiling it first if this run has not used it yet; an
    /// error names the template's place.
    pub fn render_template(&self, id: u32, data: &impl serde::Serialize) -> std::result::Result<String, String> {
        let (i, name) = (id as usize, id.to_string());
        let fresh = !read(&self.compiled)[i];
        if fresh {
            // Compiled before the lock is taken (as `register_template_string` would), so the
            // other thread wording controls waits only for the insertion, not for the parse.
            let template = handlebars::Template::compile_with_name(&self.sources[i], name.clone());
            let template = template.map_err(|e| short(&e))?;
            let mut hb = write(&self.hb);
            let mut compiled = write(&self.compiled);
            if !compiled[i] {
                hb.register_template(&name, template);
                compiled[i] = true;
            }
        }
        read(&self.hb).render(&name, data).map_err(|e| short(&e))
    }

    /// Compiles every control template, in two halves side by side: syntax errors at their
    /// places (for `check`, which reads every input once; a report compiles only what it uses).
    /// The compiled templates are kept, so wording the controls afterwards parses none again.
    pub fn compile_all(&self) -> Diagnostics {
        let compile = |from: usize, to: usize| -> Vec<_> {
            (from..to).map(|i| handlebars::Template::compile_with_name(&self.sources[i], i.to_string())).collect()
        };
        let half = self.sources.len() / 2;
        let (first, second) = std::thread::scope(|s| {
            let later = s.spawn(|| compile(half, self.sources.len()));
            let first = compile(0, half);
            (first, later.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
        });
        let mut d = Diagnostics::default();
        let (mut hb, mut compiled) = (write(&self.hb), write(&self.compiled));
        for (i, template) in first.into_iter().chain(second).enumerate() {
            match template {
                Ok(t) if !compiled[i] => {
                    hb.register_template(&i.to_string(), t);
                    compiled[i] = true;
                }
                Ok(_) => {}
                Err(e) => d.error(Location::file(&self.places[i]), short(&e)),
            }
        }
        d
    }

    /// Warnings for variants that name a model or product the registry does not know: they
    /// would never apply.
    pub fn check(&self, registry: &Registry) -> Diagnostics {
        let mut d = Diagnostics::default();
        let products: std::collections::HashSet<String> =
            registry.providers.iter().flat_map(|p| p.products.iter().map(|x| crate::names::key(&x.name))).collect();
        for set in self.sets.values() {
            for (place, entry) in set.entries() {
                for m in entry.models.keys() {
                    if registry.model(m).is_none() {
                        d.warning(Location::file(place), format!("models.{m}: no such service model"));
                    }
                }
                for (key, name) in &entry.product_names {
                    if !products.contains(key) {
                        d.warning(Location::file(place), format!("products.\"{name}\": no provider catalog has it"));
                    }
                }
            }
        }
        d
    }

    /// The texts that word a control of a catalog: its own entry, else its family's (by family
    /// id or the id's prefix, `AC-2` → `AC`), else the set's default, else the generic texts,
    /// field by field.
    pub fn lookup<'a>(&'a self, set: Option<&str>, control: &str, family: &str) -> [&'a Entry; 4] {
        let generic = &self.generic;
        let Some(set) = set.and_then(|s| self.sets.get(s)) else { return [generic, generic, generic, generic] };
        let key = control_id::key(control);
        let none = &self.none;
        let own = set.controls.get(&key).unwrap_or(none);
        let prefix = key.split('-').next().unwrap_or("");
        let fam = set.families.get(&control_id::key(family)).or_else(|| set.families.get(prefix)).unwrap_or(none);
        [own, fam, set.default.as_ref().unwrap_or(none), generic]
    }

    /// The provider and customer sentence of every layer for one service.
    pub fn render(&self, service: &Service, model_title: &str) -> Result<(Vec<String>, Vec<String>)> {
        let p = self.render_party(service, model_title, &service.name, "provider")?;
        let c = self.render_party(service, model_title, &service.name, "customer")?;
        Ok((p, c))
    }

    fn render_party(&self, service: &Service, model_title: &str, name: &str, party: &str) -> Result<Vec<String>> {
        let provider = provider_name(service);
        let ctx = LayerContext {
            service: name,
            product: service.product.as_deref().unwrap_or(""),
            provider,
            model: model_title,
            plural: is_plural(provider),
        };
        Layer::ALL
            .iter()
            .map(|layer| {
                let text = read(&self.hb).render(&format!("{}/{party}", layer.id()), &ctx).map_err(|e| {
                    Error::unreadable(Diagnostic::error(
                        Location::file(FILE),
                        format!("{layer} {party} template: {}", short(&e)),
                    ))
                })?;
                Ok(capitalize(text.trim()))
            })
            .collect()
    }
}

/// Handlebars in strict mode, without HTML escaping, with the `verb` and `pron` helpers.
fn new_handlebars() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(handlebars::no_escape);
    hb.register_helper("verb", Box::new(verb_helper));
    hb.register_helper("pron", Box::new(pron_helper));
    hb
}

/// `{{pron "its"}}`: a pronoun for the provider, as written or, when the provider's name is
/// plural, its plural ("its" → "their", "it" → "they", "itself" → "themselves").
fn pron_helper(
    h: &handlebars::Helper,
    _: &Handlebars,
    ctx: &handlebars::Context,
    _: &mut handlebars::RenderContext,
    out: &mut dyn handlebars::Output,
) -> handlebars::HelperResult {
    agree(h, ctx, out, |w| plural_pronoun(w).to_string())
}

/// Writes the helper's word as given, or `plural` of it when the provider's name is plural.
fn agree(
    h: &handlebars::Helper,
    ctx: &handlebars::Context,
    out: &mut dyn handlebars::Output,
    plural: impl Fn(&str) -> String,
) -> handlebars::HelperResult {
    let word = h.param(0).and_then(|p| p.value().as_str()).unwrap_or("");
    let is_plural = ctx.data().get("plural").and_then(|v| v.as_bool()).unwrap_or(false);
    out.write(&if is_plural { plural(word) } else { word.to_string() })?;
    Ok(())
}

/// "its" → "their", "it" → "they" (as subject), "itself" → "themselves"; other words as given.
pub fn plural_pronoun(word: &str) -> &str {
    match word {
        "its" => "their",
        "it" => "they",
        "itself" => "themselves",
        _ => word,
    }
}

/// `{{verb "maintains"}}`: the verb as written, or its plural form when the provider's name is
/// plural ("Microsoft 365 and Microsoft cloud services maintain").
fn verb_helper(
    h: &handlebars::Helper,
    _: &Handlebars,
    ctx: &handlebars::Context,
    _: &mut handlebars::RenderContext,
    out: &mut dyn handlebars::Output,
) -> handlebars::HelperResult {
    agree(h, ctx, out, plural_verb)
}

/// "maintains" → "maintain", "applies" → "apply", "patches" → "patch", "has" → "have".
pub fn plural_verb(word: &str) -> String {
    match word {
        "has" => return "have".into(),
        "does" => return "do".into(),
        "is" => return "are".into(),
        "was" => return "were".into(),
        _ => {}
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if word.ends_with("izes") || word.ends_with("yzes") || word.ends_with("aches") {
        return word[..word.len() - 1].to_string();
    }
    for end in ["ches", "shes", "sses", "xes", "zzes", "oes"] {
        if word.ends_with(end) {
            return word[..word.len() - 2].to_string();
        }
    }
    word.strip_suffix('s').unwrap_or(word).to_string()
}

/// The provider's name as sentences use it.
pub fn provider_name(service: &Service) -> &str {
    service.provider_title.as_deref().or(service.provider.as_deref()).unwrap_or("the provider")
}

/// A provider name that takes a plural verb ("Microsoft 365 and Microsoft cloud services").
pub fn is_plural(provider: &str) -> bool {
    provider.contains(" and ")
}

/// A handlebars error in one line, at most 200 characters.
pub(super) fn short(e: &dyn std::fmt::Display) -> String {
    let text = e.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// Sentences start upper-case even when a template begins with `{{provider}}` = "the provider".
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A lock's reader; a poisoned lock (a panic elsewhere) still holds valid templates.
fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_agree_with_plural_provider_names() {
        assert_eq!(plural_verb("maintains"), "maintain");
        assert_eq!(plural_verb("applies"), "apply");
        assert_eq!(plural_verb("patches"), "patch");
        assert_eq!(plural_verb("has"), "have");
        assert_eq!(plural_verb("encrypts"), "encrypt");
        assert_eq!(plural_verb("prioritizes"), "prioritize");
        assert_eq!(plural_verb("analyzes"), "analyze");
        assert_eq!(plural_verb("caches"), "cache");
        assert_eq!(plural_verb("fixes"), "fix");
        assert!(is_plural("Microsoft 365 and Microsoft cloud services"));
        assert_eq!(plural_pronoun("its"), "their");
        assert_eq!(plural_pronoun("it"), "they");
        assert_eq!(plural_pronoun("own"), "own");
        assert!(!is_plural("Amazon Web Services"));
    }

    #[test]
    fn built_in_statements_load_and_every_set_has_controls() {
        let st = Statements::load(&DataSource::default()).unwrap();
        for id in ["nist-csf-2.0", "iso-27017-2015", "soc2-2017", "sp800-53"] {
            assert!(st.sets.get(id).is_some_and(|s| !s.controls.is_empty()), "{id}");
        }
        let broken: Vec<String> = st.compile_all().items.iter().map(|d| d.to_string()).collect();
        assert!(broken.is_empty(), "{broken:?}");
    }
}
