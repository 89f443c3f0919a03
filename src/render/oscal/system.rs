//! The organization's system as a leveraging system: `system-characteristics` and
//! `system-implementation` (a component per in-scope service plus this system, a leveraged
//! authorization per cloud provider, the system owner as user).

use super::metadata::Parties;
use super::model::{
    Component, Described, InformationType, LeveragedAuthorization, Link, Prop, ResponsibleRole, State,
    SystemCharacteristics, SystemId, SystemImplementation, SystemInformation, User,
};
use super::names::line;
use super::requirements::own;
use super::uuid::Ids;
use crate::report::Report;
use crate::view::{Matrix, ServiceView};

/// The uuids requirements point at: this system's component, each service's, the parties.
pub struct Parts {
    pub this_system: String,
    pub organization: String,
    services: Vec<String>,
    owners: Vec<Option<String>>,
}

impl Parts {
    pub fn new(m: &Matrix, ids: &Ids, parties: &Parties) -> Parts {
        Parts {
            this_system: ids.of(&["component", "this-system"]),
            organization: parties.organization.clone(),
            services: m.services.iter().map(|s| ids.of(&["component", "service", &s.id])).collect(),
            owners: m.services.iter().map(|s| s.owner.as_deref().map(|o| parties.owner(o))).collect(),
        }
    }

    pub fn service(&self, si: usize) -> &str {
        &self.services[si]
    }

    /// The service's owner as its responsible role, when the inventory names one.
    pub fn owner_role(&self, si: usize) -> Vec<ResponsibleRole> {
        self.owners[si]
            .iter()
            .map(|p| ResponsibleRole { role_id: "service-owner", party_uuids: vec![p.clone()] })
            .collect()
    }
}

/// Whether the service runs on a provider's authorized cloud, reached from outside the
/// organization's boundary.
pub fn external(s: &ServiceView) -> bool {
    s.cloud && s.provider.is_some()
}

pub fn characteristics(r: &Report, ids: &Ids) -> SystemCharacteristics {
    let m = &r.matrix;
    let org = line(&r.meta.organization, "Organization not set");
    let names: Vec<&str> = m.services.iter().map(|s| s.name.as_str()).collect();
    let mut boundary = format!("The {} in-scope services of the inventory: {}.", names.len(), names.join(", "));
    if !m.excluded.is_empty() {
        let out: Vec<&str> = m.excluded.iter().map(|s| s.name.as_str()).collect();
        boundary.push_str(&format!(" Out of scope: {}.", out.join(", ")));
    }
    SystemCharacteristics {
        system_ids: vec![SystemId { identifier_type: "https://ietf.org/rfc/rfc4122", id: ids.of(&["system"]) }],
        system_name: org.clone(),
        description: match r.meta.scope.trim() {
            "" => format!("The services of {org} that its responsibility matrix covers."),
            scope => scope.to_string(),
        },
        system_information: SystemInformation { information_types: information_types(m, ids) },
        status: State { state: "operational", remarks: None },
        authorization_boundary: Described { description: boundary },
    }
}

/// One information type per data classification the inventory gives (the organization's
/// labels, not SP 800-60 categorizations).
fn information_types(m: &Matrix, ids: &Ids) -> Vec<InformationType> {
    let mut seen: Vec<&str> = Vec::new();
    for c in m.services.iter().filter_map(|s| s.classification.as_deref()).map(str::trim) {
        if !c.is_empty() && !seen.contains(&c) {
            seen.push(c);
        }
    }
    let types: Vec<InformationType> = seen
        .iter()
        .map(|c| {
            let held: Vec<&str> = m
                .services
                .iter()
                .filter(|s| s.classification.as_deref().map(str::trim) == Some(*c))
                .map(|s| s.name.as_str())
                .collect();
            InformationType {
                uuid: ids.of(&["information-type", c]),
                title: line(c, "-"),
                description: format!(
                    "Data the inventory classifies as {c} (not an SP 800-60 categorization), held by {}.",
                    held.join(", ")
                ),
            }
        })
        .collect();
    match types.is_empty() {
        true => vec![InformationType {
            uuid: ids.of(&["information-type", ""]),
            title: "Not classified".into(),
            description: "The inventory gives no data classification for the in-scope services.".into(),
        }],
        false => types,
    }
}

pub fn implementation(r: &Report, ids: &Ids, parties: &Parties, parts: &Parts) -> SystemImplementation {
    let m = &r.matrix;
    let mut components = vec![Component {
        uuid: parts.this_system.clone(),
        kind: "this-system",
        title: line(&r.meta.organization, "Organization not set"),
        description: "The organization's system: every in-scope service of the inventory, as the authorization boundary describes it.".into(),
        props: Vec::new(),
        status: State { state: "operational", remarks: None },
        responsible_roles: vec![ResponsibleRole { role_id: "system-owner", party_uuids: vec![parts.organization.clone()] }],
    }];
    components.extend(m.services.iter().enumerate().map(|(si, s)| service(s, si, parties, parts)));
    let leveraged_authorizations = parties.providers.iter().map(|p| leveraged(r, p)).collect();
    SystemImplementation {
        leveraged_authorizations,
        users: vec![User {
            uuid: ids.of(&["user", "system-owner"]),
            title: "System owner".into(),
            role_ids: vec!["system-owner"],
        }],
        components,
    }
}

fn service(s: &ServiceView, si: usize, parties: &Parties, parts: &Parts) -> Component {
    let who = s.provider_title.as_deref().or(s.provider.as_deref());
    let mut description = match (s.product.as_deref(), who) {
        (Some(product), Some(who)) => format!("{}: {product} from {who}, run as {}.", s.name, s.model_title),
        (None, Some(who)) => format!("{}: a service of {who}, run as {}.", s.name, s.model_title),
        (Some(product), None) => format!("{}: {product}, run as {}.", s.name, s.model_title),
        (None, None) => format!("{}, run as {}.", s.name, s.model_title),
    };
    if let Some(notes) = s.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        description.push_str(&format!(" {}", notes.trim()));
    }
    let mut props = vec![Prop {
        name: "implementation-point".into(),
        ns: None,
        value: if external(s) { "external" } else { "internal" }.into(),
    }];
    if let Some(p) = s.provider.as_deref().filter(|_| external(s)).and_then(|p| parties.provider(p)) {
        props.push(Prop { name: "leveraged-authorization-uuid".into(), ns: None, value: p.authorization.clone() });
    }
    props.push(own("service-id", &s.id));
    for (name, value) in
        [("provider", who), ("product", s.product.as_deref()), ("environment", s.environment.as_deref())]
    {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            props.push(own(name, v));
        }
    }
    props.push(own("service-model", &s.model));
    Component {
        uuid: parts.service(si).to_string(),
        kind: "service",
        title: line(&s.name, &s.id),
        description,
        props,
        status: State { state: "operational", remarks: None },
        responsible_roles: parts.owner_role(si),
    }
}

/// A provider's leveraged authorization: its party, the attestations the project file names
/// for it (as back-matter links), and the date it was authorized where one says.
fn leveraged(r: &Report, p: &super::metadata::ProviderParty) -> LeveragedAuthorization {
    let atts: Vec<&crate::report::Attestation> = p.attestations.iter().map(|&i| &r.meta.attestations[i]).collect();
    let dated = atts
        .iter()
        .find(|a| a.kind == "fedramp" && a.period.is_some())
        .or_else(|| atts.iter().find(|a| a.period.is_some()));
    let (date, said) = match dated.and_then(|a| a.period.map(|(start, _)| (start, a))) {
        Some((start, a)) => (start.to_string(), format!("date-authorized is the start of {} {}.", a.kind, a.id)),
        None => (
            super::metadata::day(r),
            "No attestation with a period names the date of the authorization: the report date stands in.".to_string(),
        ),
    };
    let relied: Vec<String> = atts.iter().map(|a| format!("{} {}", a.kind, a.id)).collect();
    let mut remarks = match relied.is_empty() {
        true => format!("The project file names no attestation of {} (attestations:).", p.name),
        false => format!("Relies on {}.", relied.join("; ")),
    };
    remarks.push(' ');
    remarks.push_str(&said);
    LeveragedAuthorization {
        uuid: p.authorization.clone(),
        title: format!("{} (leveraged authorization)", p.name),
        props: Vec::new(),
        links: p.resources.iter().map(|u| Link { href: format!("#{u}"), rel: "reference" }).collect(),
        party_uuid: p.uuid.clone(),
        date_authorized: date,
        remarks,
    }
}
