//! Why a cell has its status: the rationale an auditor reads, built from its pieces (intro,
//! what each party holds, layer notes, the principle or the override or provider answer that
//! decided), and the principles of the responsibility model (DESIGN.md §2).

use super::{Cell, ControlView, Decided, Matrix, OverrideView, OwnerSource, ProviderAnswerView, StatementView};
use crate::model::{Counterpart, Layer, LayerSet, Status};

impl Matrix {
    /// Why the cell has its status, in words an auditor can check. Built from four pieces
    /// (intro, held, one note per control layer, tail) that reports may also show apart.
    pub fn rationale(&self, c: &ControlView, cell: &Cell, si: usize) -> String {
        if let Some(why) = withdrawn_rationale(c) {
            return why;
        }
        let mut out = self.rationale_of(&c.id, c.layers, cell, si);
        out.push_str(&self.statements_sentence(c, cell, si));
        out
    }

    /// The rationale of a statement's cell: like a control's, for the statement's label and layers.
    pub fn statement_rationale(&self, st: &StatementView, cell: &Cell, si: usize) -> String {
        self.rationale_of(&st.label, st.layers, cell, si)
    }

    fn rationale_of(&self, id: &str, layers: LayerSet, cell: &Cell, si: usize) -> String {
        let mut out = self.rationale_intro(si);
        out.push_str(&held(id, layers, cell));
        for layer in layers.iter() {
            out.push_str(&self.rationale_note(si, layer));
        }
        match self.decided_tail(cell) {
            Some(tail) => out.push_str(&tail),
            None if cell.decided == Decided::Statements => {}
            None => out.push_str(&format!(" {}", self.principle_by(layers, cell, si).text())),
        }
        out
    }

    /// The rationale's first sentence: `Orders DB runs as paas (given).`
    pub fn rationale_intro(&self, si: usize) -> String {
        let s = &self.services[si];
        format!("{} runs as {} ({}).", s.name, s.model, s.model_source)
    }

    /// Why a layer of a service has its owner when the product or the inventory set it (with a
    /// leading space), or "" when the service model did.
    pub fn rationale_note(&self, si: usize, layer: Layer) -> String {
        let s = &self.services[si];
        let (_, source) = s.owners[layer.index()];
        let who = match source {
            OwnerSource::Model => return String::new(),
            OwnerSource::Product => s.product.clone().unwrap_or_default(),
            OwnerSource::Service => "the inventory".to_string(),
        };
        format!(" {layer}: set by {who}: {}.", s.owner_why[layer.index()].trim_end_matches('.'))
    }

    /// The rationale's last sentence: the override that set the status, or the principle that
    /// decided.
    pub fn rationale_tail(&self, c: &ControlView, cell: &Cell, si: usize) -> String {
        let own = match self.decided_tail(cell) {
            Some(tail) => tail,
            None if cell.decided == Decided::Statements => String::new(),
            None => format!(" {}", self.principle(c, cell, si).text()),
        };
        own + &self.statements_sentence(c, cell, si)
    }

    /// The principle of the responsibility model that decided a cell no override decided.
    pub fn principle(&self, c: &ControlView, cell: &Cell, si: usize) -> Principle {
        self.principle_by(c.layers, cell, si)
    }

    /// The principle for a cell of a control or statement touching `layers`.
    pub fn principle_by(&self, layers: LayerSet, cell: &Cell, si: usize) -> Principle {
        let counterpart = self.counterpart_layers;
        match cell.status {
            Status::Inherited => Principle::NothingLeft,
            Status::NotApplicable | Status::Mixed => Principle::CloudOnly,
            Status::Customer => {
                if layers.iter().all(|l| l == Layer::Business) {
                    Principle::BusinessContext
                } else if self.counterpart == Counterpart::Customer
                    && self.services[si].cloud
                    && !layers.and(counterpart).is_empty()
                {
                    Principle::CounterpartAsCustomer
                } else {
                    Principle::CustomerRuns
                }
            }
            Status::Shared => {
                if cell.provider.contains(Layer::SecurityServices) && !cell.customer.is_empty() {
                    Principle::Mechanism
                } else if cell.provider.is_empty() && cell.shared.and(counterpart) == cell.shared {
                    Principle::Counterpart
                } else {
                    Principle::Split
                }
            }
        }
    }

    /// The rationale's last sentence when an override or the provider's data decided, else `None`.
    pub fn decided_tail(&self, cell: &Cell) -> Option<String> {
        match cell.decided {
            Decided::Override(i) => self.overrides.get(i as usize).map(override_tail),
            Decided::Provider(i) => self.provider.answers.get(i as usize).map(provider_tail),
            _ => None,
        }
    }

    /// `decided_by` and the rationale's tail of every override, then of every provider answer:
    /// what [`Matrix::tail_index`] indexes (renderers precompute them once).
    pub fn decision_tails(&self) -> Vec<(String, String)> {
        let overrides = self.overrides.iter().map(|o| (format!("override:{}", o.label), override_tail(o)));
        let answers = self.provider.answers.iter().map(|a| (format!("provider:{}", a.file), provider_tail(a)));
        overrides.chain(answers).collect()
    }

    /// Where a cell an override or a provider answer decided sits in [`Matrix::decision_tails`].
    pub fn tail_index(&self, decided: Decided) -> Option<usize> {
        match decided {
            Decided::Override(i) => Some(i as usize),
            Decided::Provider(i) => Some(self.overrides.len() + i as usize),
            _ => None,
        }
    }
}

/// The principle of the responsibility model that decided a cell (DESIGN.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Principle {
    /// Every layer is the provider's: nothing is left for the organization.
    NothingLeft,
    /// The provider runs the mechanism, the organization configures and uses it.
    Mechanism,
    /// Each party runs its own version of the control in its own context.
    Counterpart,
    /// The provider runs some layers, the organization others.
    Split,
    /// The control exists only in the organization's own business context.
    BusinessContext,
    /// The organization runs every layer the control touches.
    CustomerRuns,
    /// A counterpart control under the `counterpart: customer` reading.
    CounterpartAsCustomer,
    /// A cloud-only control on the organization's own hardware.
    CloudOnly,
}

impl Principle {
    pub const ALL: [Principle; 8] = [
        Principle::NothingLeft,
        Principle::Mechanism,
        Principle::Counterpart,
        Principle::Split,
        Principle::BusinessContext,
        Principle::CustomerRuns,
        Principle::CounterpartAsCustomer,
        Principle::CloudOnly,
    ];

    /// The rationale's last sentence.
    pub fn text(self) -> &'static str {
        match self {
            Principle::NothingLeft => {
                "Principle: nothing is left for the organization: every layer this control touches is the \
                 provider's, so it is inherited and the organization relies on the provider's attestation."
            }
            Principle::Mechanism => {
                "Principle: mechanism versus configuration: the provider runs the mechanism \
                 (security-services) and the organization configures and uses it, so it is shared."
            }
            Principle::Counterpart => {
                "Principle: counterpart control: each party runs its own version for the layers it \
                 operates, in its own context, so it is shared."
            }
            Principle::Split => {
                "Principle: the provider runs some layers of this control and the organization the \
                 others, so it is shared."
            }
            Principle::BusinessContext => {
                "Principle: the control exists only in the organization's own business context, so it is \
                 the customer's under every service model."
            }
            Principle::CustomerRuns => {
                "Principle: the organization runs every layer this control touches for this service, so \
                 it is the customer's."
            }
            Principle::CounterpartAsCustomer => {
                "Principle: counterpart control read as the customer's (counterpart: customer): the \
                 provider's own program is covered by its attestation and the organization's part is the \
                 whole control."
            }
            Principle::CloudOnly => {
                "Principle: cloud-only control: not applicable to a service the organization runs in its \
                 own datacentre."
            }
        }
    }
}

/// Why a withdrawn control listed with `--include-withdrawn` is not applicable; `None` for a
/// control in force.
pub fn withdrawn_rationale(c: &ControlView) -> Option<String> {
    let note = c.withdrawn.as_ref()?;
    Some(format!("{} is {note} in its catalog; listed for traceability (--include-withdrawn), not applicable.", c.id))
}

/// The rationale's last sentence when override `o` decided: ` Override … sets …: why`.
pub fn override_tail(o: &OverrideView) -> String {
    let mut out = format!(" Override {} ({}) sets {}: {}", o.label, o.origin, o.status, o.justification);
    if let Some(e) = &o.expires {
        out.push_str(&format!(" (expires {e})"));
    }
    out
}

/// How long a provider's own words may run in a rationale.
const PROVIDER_TEXT: usize = 600;

/// The rationale's last sentence for a cell the provider's data decided: the answer, its place
/// and the provider's own words.
pub fn provider_tail(a: &ProviderAnswerView) -> String {
    let mut out = format!(
        " {}'s {} answers {} for {} ({}), so it is {}",
        a.provider, a.kind, a.word, a.label, a.origin, a.status
    );
    match a.text.split_whitespace().collect::<Vec<_>>().join(" ") {
        t if t.is_empty() => out.push('.'),
        t => out.push_str(&format!(": {}", crate::diag::excerpt(&t, PROVIDER_TEXT))),
    }
    out
}

/// The rationale's middle: ` For PR.PS-02 (host-os, guest-os): the provider holds host-os; …`.
pub fn rationale_held(c: &ControlView, cell: &Cell) -> String {
    held(&c.id, c.layers, cell)
}

/// The rationale's middle for a control or statement `id` touching `layers`.
pub fn rationale_held_of(id: &str, layers: LayerSet, cell: &Cell) -> String {
    held(id, layers, cell)
}

fn held(id: &str, layers: LayerSet, cell: &Cell) -> String {
    let mut held = Vec::new();
    for (party, set) in
        [("the provider holds", cell.provider), ("the organization holds", cell.customer), ("both hold", cell.shared)]
    {
        if !set.is_empty() {
            held.push(format!("{party} {}", set.ids().join(", ")));
        }
    }
    format!(" For {id} ({}): {}.", layers.ids().join(", "), held.join("; "))
}
