//! The layer stack, owners and statuses: the vocabulary of the responsibility model.

use serde::Serialize;
use std::fmt;

/// One layer of the stack (DESIGN.md §2), bottom to top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    Facilities,
    Hardware,
    NetworkInfrastructure,
    Virtualization,
    HostOs,
    GuestOs,
    Platform,
    NetworkConfig,
    SecurityServices,
    Application,
    ServiceConfig,
    Identity,
    Data,
    Workforce,
    Governance,
    Business,
}

impl Layer {
    pub const ALL: [Layer; 16] = [
        Layer::Facilities,
        Layer::Hardware,
        Layer::NetworkInfrastructure,
        Layer::Virtualization,
        Layer::HostOs,
        Layer::GuestOs,
        Layer::Platform,
        Layer::NetworkConfig,
        Layer::SecurityServices,
        Layer::Application,
        Layer::ServiceConfig,
        Layer::Identity,
        Layer::Data,
        Layer::Workforce,
        Layer::Governance,
        Layer::Business,
    ];

    /// How many layers the stack has.
    pub const COUNT: usize = Layer::ALL.len();

    pub fn id(self) -> &'static str {
        match self {
            Layer::Facilities => "facilities",
            Layer::Hardware => "hardware",
            Layer::NetworkInfrastructure => "network-infrastructure",
            Layer::Virtualization => "virtualization",
            Layer::HostOs => "host-os",
            Layer::GuestOs => "guest-os",
            Layer::Platform => "platform",
            Layer::NetworkConfig => "network-config",
            Layer::SecurityServices => "security-services",
            Layer::Application => "application",
            Layer::ServiceConfig => "service-config",
            Layer::Identity => "identity",
            Layer::Data => "data",
            Layer::Workforce => "workforce",
            Layer::Governance => "governance",
            Layer::Business => "business",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses a layer id, tolerant of case, spaces and underscores ("Guest OS" → guest-os).
    pub fn parse(text: &str) -> Option<Layer> {
        let key: String = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        Layer::ALL.into_iter().find(|l| l.id() == key)
    }

    pub fn ids() -> String {
        Layer::ALL.map(Layer::id).join(", ")
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A set of layers as a bit mask: cheap to store once per (control, service) cell (three per
/// cell, so 16 bits rather than 32 take a quarter off every cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct LayerSet(u16);

const _: () = assert!(Layer::COUNT <= 16, "a LayerSet holds 16 layers");

impl LayerSet {
    pub const EMPTY: LayerSet = LayerSet(0);
    pub fn insert(&mut self, l: Layer) {
        self.0 |= 1 << l.index();
    }
    pub fn contains(self, l: Layer) -> bool {
        self.0 & (1 << l.index()) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn and(self, other: LayerSet) -> LayerSet {
        LayerSet(self.0 & other.0)
    }
    pub fn or(self, other: LayerSet) -> LayerSet {
        LayerSet(self.0 | other.0)
    }
    pub fn iter(self) -> impl Iterator<Item = Layer> {
        Layer::ALL.into_iter().filter(move |l| self.contains(*l))
    }
    pub fn ids(self) -> Vec<&'static str> {
        self.iter().map(Layer::id).collect()
    }
    /// The ids joined by `sep`, added to `out` (`ids().join(sep)` without the two allocations).
    pub fn push_ids(self, out: &mut String, sep: &str) {
        for (i, l) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(l.id());
        }
    }
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
}

impl FromIterator<Layer> for LayerSet {
    fn from_iter<I: IntoIterator<Item = Layer>>(iter: I) -> Self {
        let mut s = LayerSet::EMPTY;
        for l in iter {
            s.insert(l);
        }
        s
    }
}

/// Who runs a layer under a service model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Provider,
    Customer,
    Shared,
}

impl Owner {
    pub fn id(self) -> &'static str {
        match self {
            Owner::Provider => "provider",
            Owner::Customer => "customer",
            Owner::Shared => "shared",
        }
    }
    /// Accepts the spellings people write in an overrides column.
    pub fn parse(text: &str) -> Option<Owner> {
        match text.trim().to_ascii_lowercase().as_str() {
            "provider" | "p" | "csp" | "cloud" | "vendor" | "inherited" => Some(Owner::Provider),
            "customer" | "c" | "tenant" | "us" | "organization" | "organisation" | "self" => Some(Owner::Customer),
            "shared" | "s" | "both" => Some(Owner::Shared),
            _ => None,
        }
    }
}

/// Responsibility status of a control, per service or overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Status {
    #[serde(rename = "inherited")]
    Inherited,
    #[serde(rename = "shared")]
    Shared,
    #[serde(rename = "customer")]
    Customer,
    #[serde(rename = "not-applicable")]
    NotApplicable,
    /// Overall only: the in-scope services do not share one status (varies by service).
    #[serde(rename = "mixed")]
    Mixed,
}

impl Status {
    /// The statuses a (control, service) cell can have.
    pub const ALL: [Status; 4] = [Status::Inherited, Status::Shared, Status::Customer, Status::NotApplicable];
    /// The statuses a control can have overall, in the order summaries list them.
    pub const OVERALL: [Status; 5] =
        [Status::Inherited, Status::Shared, Status::Customer, Status::Mixed, Status::NotApplicable];

    pub fn id(self) -> &'static str {
        match self {
            Status::Inherited => "inherited",
            Status::Shared => "shared",
            Status::Customer => "customer",
            Status::NotApplicable => "not-applicable",
            Status::Mixed => "mixed",
        }
    }
    pub fn parse(text: &str) -> Option<Status> {
        match text.trim().to_ascii_lowercase().replace([' ', '_'], "-").as_str() {
            "inherited" | "provider" => Some(Status::Inherited),
            "shared" | "hybrid" => Some(Status::Shared),
            "customer" | "customer-responsibility" => Some(Status::Customer),
            "not-applicable" | "n/a" | "na" => Some(Status::NotApplicable),
            "mixed" => Some(Status::Mixed),
            _ => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_parse_tolerantly_and_sets_keep_stack_order() {
        assert_eq!(Layer::parse("Guest OS"), Some(Layer::GuestOs));
        assert_eq!(Layer::parse("network_config"), Some(Layer::NetworkConfig));
        assert_eq!(Layer::parse("os"), None);
        let s: LayerSet = [Layer::Data, Layer::Facilities].into_iter().collect();
        assert_eq!(s.ids(), vec!["facilities", "data"]);
        assert_eq!(s.len(), 2);
    }
}
