//! The typed view model the report templates get (like zola's serialized pages): plain,
//! serializable, sorted, built once from a `Report`. Field names here are the template API
//! documented in the README.

mod controls;
mod script;
mod services;

pub use controls::{CellPage, Column, ControlPage, DecisionPage};
pub use script::{ScriptData, ScriptJson, JSON_KEY};
pub use services::{LayerRow, ModelPage, OverridePage, ServicePage};

use crate::model::{Layer, Status};
use crate::render::style;
use crate::render::templates::helpers::letter;
use crate::report::Report;
use crate::view::Counts;
use serde::Serialize;

/// More in-scope services than this and the matrix shows groups, not one column per service,
/// and lists of service names move behind expandable elements.
pub const WIDE: usize = 30;

/// Everything a report template sees.
#[derive(Debug, Serialize)]
pub struct Page {
    pub generator: String,
    pub title: String,
    pub meta: Meta,
    /// The four statuses with label, letter, meaning and colours, for legends.
    pub statuses: Vec<StatusInfo>,
    /// How statuses are decided, in a paragraph.
    pub method: &'static str,
    pub layers: Vec<&'static str>,
    /// Overall statuses of all controls, and statuses of all control × service cells.
    pub totals: Totals,
    /// Cells per service model: what the cloud estate inherits, what the datacentre carries.
    pub by_model: Vec<ModelSplitPage>,
    /// How counterpart controls were read (`counterpart: shared|customer`), in a sentence.
    pub interpretation: &'static str,
    pub frameworks: Vec<FrameworkPage>,
    /// True when the inventory is too wide for one column per service.
    pub wide: bool,
    /// True when the matrix columns are groups of services, and what groups them.
    pub grouped: bool,
    pub group_by: String,
    pub columns: Vec<Column>,
    /// The number of columns of the matrix table (for a full-width row's colspan).
    pub span: usize,
    pub services: Vec<ServicePage>,
    pub excluded: Vec<ServicePage>,
    /// Service models in use, with who holds each layer by default and why.
    pub models: Vec<ModelPage>,
    pub overrides: Vec<OverridePage>,
    /// Compact data for the page's script (per-service statements on demand), as JSON text.
    pub script_data: ScriptJson,
}

#[derive(Debug, Serialize)]
pub struct Meta {
    pub organization: String,
    pub scope: String,
    pub period: String,
    pub report_date: String,
    pub inputs: Vec<InputPage>,
}

#[derive(Debug, Serialize)]
pub struct InputPage {
    pub role: String,
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Serialize)]
pub struct StatusInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub letter: &'static str,
    pub meaning: &'static str,
    /// Fill and text colours as `#RRGGBB`.
    pub fill: String,
    pub text: String,
}

/// Per-status counts with their total.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CountsPage {
    pub inherited: usize,
    pub shared: usize,
    pub customer: usize,
    pub not_applicable: usize,
    /// Controls whose services differ (overall counts only).
    pub mixed: usize,
    pub total: usize,
}

impl From<Counts> for CountsPage {
    fn from(c: Counts) -> Self {
        CountsPage {
            inherited: c.inherited,
            shared: c.shared,
            customer: c.customer,
            not_applicable: c.not_applicable,
            mixed: c.mixed,
            total: c.total(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Totals {
    pub controls: CountsPage,
    pub cells: CountsPage,
}

/// The cells of one service model over every framework, for the summary.
#[derive(Debug, Serialize)]
pub struct ModelSplitPage {
    pub model: String,
    pub title: String,
    pub services: usize,
    pub cells: CountsPage,
}

#[derive(Debug, Serialize)]
pub struct FrameworkPage {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub version: String,
    pub publisher: String,
    pub source: String,
    pub licence: String,
    pub control_count: usize,
    /// Overall statuses of its controls.
    pub counts: CountsPage,
    /// Statuses of its control × service cells.
    pub cell_counts: CountsPage,
    pub controls: Vec<ControlPage>,
}

impl Page {
    /// Builds the view model of a report, with the HTML page's script data.
    pub fn new(report: &Report) -> Page {
        Page::build(report, true)
    }

    /// The view model without `script_data` (left empty): for templates that run no script,
    /// such as the Markdown report, which at 1,295 controls × 500 services then needs tens of
    /// megabytes less.
    pub fn without_script(report: &Report) -> Page {
        Page::build(report, false)
    }

    fn build(report: &Report, with_script: bool) -> Page {
        let m = &report.matrix;
        let wide = m.services.len() > WIDE;
        let today = report.meta.report_date.map(|d| d.to_string());
        let (columns, groups, by) = controls::columns(report, wide);
        let mut script_data = if with_script { ScriptData::new(m) } else { ScriptData::default() };
        let model_ids = controls::model_ids(m);
        let mut frameworks = Vec::new();
        let (mut control_totals, mut cell_totals) = (Counts::default(), Counts::default());
        for (fi, f) in m.frameworks.iter().enumerate() {
            let mut cells = Counts::default();
            let mut controls = Vec::new();
            for (ci, c) in m.controls.iter().enumerate().filter(|(_, c)| c.framework == fi) {
                c.cells.iter().for_each(|cell| cells.add(cell.status));
                control_totals.add(c.status);
                let decisions = controls::decide(m, ci, &model_ids);
                if with_script {
                    script_data.push_control(m, ci, &decisions);
                }
                controls.push(controls::control(m, ci, &decisions, groups.as_deref(), wide));
            }
            merge(&mut cell_totals, cells);
            frameworks.push(FrameworkPage {
                id: f.id.clone(),
                anchor: format!("fw-{}", slug(&f.id)),
                title: f.title.clone(),
                version: f.version.clone(),
                publisher: f.publisher.clone(),
                source: f.source.clone(),
                licence: f.licence.clone(),
                control_count: f.controls,
                counts: f.counts.into(),
                cell_counts: cells.into(),
                controls,
            });
        }
        Page {
            generator: m.generator.clone(),
            title: format!("Responsibility matrix: {}", report.meta.organization),
            meta: meta(report),
            statuses: Status::OVERALL.iter().map(|&s| status_info(s)).collect(),
            method: style::METHOD,
            layers: Layer::ALL.iter().map(|l| l.id()).collect(),
            totals: Totals { controls: control_totals.into(), cells: cell_totals.into() },
            by_model: by_model(m),
            interpretation: m.counterpart.describe(),
            frameworks,
            wide,
            grouped: groups.is_some(),
            group_by: by.to_string(),
            span: columns.len() + 4,
            columns,
            services: m.services.iter().enumerate().map(|(i, s)| services::service(m, i, s)).collect(),
            excluded: m.excluded.iter().enumerate().map(|(i, s)| services::excluded(m, i, s)).collect(),
            models: services::models(m),
            overrides: m.overrides.iter().map(|o| services::override_page(o, today.as_deref())).collect(),
            script_data: script_data.into_json(),
        }
    }
}

fn merge(into: &mut Counts, c: Counts) {
    into.merge(&c);
}

/// `Matrix::cells_by_model` summed over frameworks.
fn by_model(m: &crate::view::Matrix) -> Vec<ModelSplitPage> {
    let mut out: Vec<(String, String, usize, Counts)> = Vec::new();
    for split in m.cells_by_model() {
        match out.iter_mut().find(|(id, ..)| *id == split.model) {
            Some((.., c)) => c.merge(&split.counts),
            None => out.push((split.model, split.model_title, split.services, split.counts)),
        }
    }
    out.into_iter()
        .map(|(model, title, services, c)| ModelSplitPage { model, title, services, cells: c.into() })
        .collect()
}

fn meta(report: &Report) -> Meta {
    let r = &report.meta;
    Meta {
        organization: r.organization.clone(),
        scope: r.scope.clone(),
        period: r.period.clone(),
        report_date: r.date_text(),
        inputs: r
            .inputs
            .iter()
            .map(|i| InputPage { role: i.role.clone(), path: i.path.clone(), sha256: i.sha256.clone() })
            .collect(),
    }
}

fn status_info(s: Status) -> StatusInfo {
    let (fill, text) = style::colors(s);
    StatusInfo {
        id: s.id(),
        label: style::label(s),
        letter: letter(s),
        meaning: style::meaning(s),
        fill: format!("#{fill}"),
        text: format!("#{text}"),
    }
}

/// An HTML id fragment from any text: ASCII letters, digits and `-`, `.`, `_`; others as `-`.
pub fn slug(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') { c } else { '-' }).collect()
}
