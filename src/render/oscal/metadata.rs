//! The SSP's `metadata` (title, dates, roles, the parties: the organization, each cloud
//! provider, service owners, the document's preparers) and `back-matter` (the framework the plan
//! answers and the provider attestations it relies on).

use super::model::{BackMatter, Hash, Metadata, Party, Prop, Resource, ResponsibleParty, Rlink, Role};
use super::names::{href, line};
use super::system::external;
use super::uuid::Ids;
use crate::report::Report;
use crate::view::FrameworkView;

/// The roles parties and components play in the plan.
pub const ROLES: [Role; 6] = [
    Role { id: "system-owner", title: "System Owner" },
    Role { id: "service-owner", title: "Service Owner" },
    Role { id: "cloud-service-provider", title: "Cloud Service Provider" },
    Role { id: "prepared-by", title: "Prepared By" },
    Role { id: "reviewed-by", title: "Reviewed By" },
    Role { id: "approved-by", title: "Approved By" },
];

/// A cloud provider of in-scope services: its party, its leveraged authorization, the
/// attestations (indices into `ReportMeta::attestations`) and their back-matter resources.
pub struct ProviderParty {
    pub id: String,
    pub name: String,
    pub uuid: String,
    pub authorization: String,
    pub attestations: Vec<usize>,
    pub resources: Vec<String>,
}

/// Every party of the plan, made once so requirements and components point at the same ids.
pub struct Parties {
    pub organization: String,
    pub providers: Vec<ProviderParty>,
    owners: Vec<(String, String)>,
    people: Vec<(&'static str, String, String)>,
}

impl Parties {
    pub fn new(r: &Report, ids: &Ids) -> Parties {
        let m = &r.matrix;
        let mut providers: Vec<ProviderParty> = Vec::new();
        for s in m.services.iter().filter(|s| external(s)) {
            let id = s.provider.clone().unwrap_or_default();
            if providers.iter().any(|p| p.id == id) {
                continue;
            }
            let name = line(s.provider_title.as_deref().unwrap_or(&id), &id);
            let same = |a: &str| a.eq_ignore_ascii_case(&id) || a.eq_ignore_ascii_case(&name);
            let attestations: Vec<usize> =
                (0..r.meta.attestations.len()).filter(|&i| same(&r.meta.attestations[i].provider)).collect();
            let resources = attestations.iter().map(|&i| ids.of(&["attestation", &i.to_string(), &id])).collect();
            providers.push(ProviderParty {
                uuid: ids.of(&["party", "provider", &id]),
                authorization: ids.of(&["leveraged-authorization", &id]),
                id,
                name,
                attestations,
                resources,
            });
        }
        let mut owners: Vec<(String, String)> = Vec::new();
        for o in m.services.iter().filter_map(|s| s.owner.as_deref()) {
            if !owners.iter().any(|(n, _)| n == o) {
                owners.push((o.to_string(), ids.of(&["party", "owner", o])));
            }
        }
        let d = &r.meta.document;
        let people =
            [("prepared-by", &d.prepared_by), ("reviewed-by", &d.reviewed_by), ("approved-by", &d.approved_by)]
                .into_iter()
                .filter_map(|(role, name)| {
                    name.as_deref().filter(|n| !n.trim().is_empty()).map(|n| (role, n.to_string()))
                })
                .map(|(role, n)| (role, ids.of(&["party", "person", &n]), n))
                .collect();
        Parties { organization: ids.of(&["party", "organization"]), providers, owners, people }
    }

    pub fn provider(&self, id: &str) -> Option<&ProviderParty> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The party uuid of a service owner (every owner of the inventory has one).
    pub fn owner(&self, name: &str) -> String {
        self.owners.iter().find(|(n, _)| n == name).map(|(_, u)| u.clone()).unwrap_or_default()
    }
}

/// The report date as an OSCAL date (`2026-11-30`); the date overrides were checked against when
/// the report has none; never the clock.
pub fn day(r: &Report) -> String {
    match r.meta.report_date.or(r.matrix.as_of) {
        Some(d) => d.to_string(),
        None => "1970-01-01".to_string(),
    }
}

pub fn metadata(r: &Report, fw: &FrameworkView, parties: &Parties, version: &str) -> Metadata {
    let org = line(&r.meta.organization, "Organization not set");
    let mut list =
        vec![Party { uuid: parties.organization.clone(), kind: "organization", name: org.clone(), short_name: None }];
    let mut responsible =
        vec![ResponsibleParty { role_id: "system-owner", party_uuids: vec![parties.organization.clone()] }];
    list.extend(parties.providers.iter().map(|p| Party {
        uuid: p.uuid.clone(),
        kind: "organization",
        name: p.name.clone(),
        short_name: Some(line(&p.id, "-")),
    }));
    if !parties.providers.is_empty() {
        let uuids = parties.providers.iter().map(|p| p.uuid.clone()).collect();
        responsible.push(ResponsibleParty { role_id: "cloud-service-provider", party_uuids: uuids });
    }
    list.extend(parties.owners.iter().map(|(n, u)| Party {
        uuid: u.clone(),
        kind: "organization",
        name: line(n, "-"),
        short_name: None,
    }));
    for (role, uuid, name) in &parties.people {
        if !list.iter().any(|p| p.uuid == *uuid) {
            list.push(Party { uuid: uuid.clone(), kind: "person", name: line(name, "-"), short_name: None });
        }
        responsible.push(ResponsibleParty { role_id: role, party_uuids: vec![uuid.clone()] });
    }
    let mut props = Vec::new();
    if let Some(c) = r.meta.document.classification.as_deref().filter(|c| !c.trim().is_empty()) {
        props.push(Prop { name: "marking".into(), ns: None, value: line(c, "-") });
    }
    let mut remarks = format!(
        "Written by {} from the responsibility matrix: valid OSCAL, not a complete FedRAMP SSP.",
        r.matrix.generator
    );
    if !r.meta.period.trim().is_empty() {
        remarks.push_str(&format!(" Assessment period: {}.", r.meta.period.trim()));
    }
    Metadata {
        title: format!("{org}: System Security Plan ({})", line(&fw.title, &fw.id)),
        last_modified: format!("{}T00:00:00Z", day(r)),
        version: r.meta.document.version.clone().map(|v| line(&v, "-")).unwrap_or_else(|| day(r)),
        oscal_version: version.to_string(),
        props,
        roles: ROLES.to_vec(),
        parties: list,
        responsible_parties: responsible,
        remarks,
    }
}

/// The framework's resource uuid, which a built-in framework's import-profile points at.
pub fn framework_resource(ids: &Ids, fw: &FrameworkView) -> String {
    ids.of(&["resource", "framework", &fw.id])
}

pub fn back_matter(r: &Report, fw: &FrameworkView, ids: &Ids, parties: &Parties) -> BackMatter {
    let mut rlinks = Vec::new();
    if fw.origin != "built-in" {
        let hashes = r
            .meta
            .inputs
            .iter()
            .filter(|i| i.role == "framework" && i.path == fw.origin)
            .map(|i| Hash { algorithm: "SHA-256", value: i.sha256.clone() })
            .take(1)
            .collect();
        rlinks.push(Rlink { href: href(&fw.origin), media_type: media_type(&fw.origin), hashes });
    } else if fw.source.starts_with("https://") {
        rlinks.push(Rlink { href: fw.source.clone(), media_type: None, hashes: Vec::new() });
    }
    let mut resources = vec![Resource {
        uuid: framework_resource(ids, fw),
        title: line(&fw.title, &fw.id),
        description: format!(
            "The framework the plan answers: {} version {}, published by {} ({}); {}.",
            fw.id,
            line(&fw.version, "-"),
            line(&fw.publisher, "-"),
            line(&fw.licence, "licence not stated"),
            match fw.origin.as_str() {
                "built-in" => "built into respmatrix".to_string(),
                origin => format!("read from {origin}"),
            }
        ),
        rlinks,
    }];
    for p in &parties.providers {
        for (&i, uuid) in p.attestations.iter().zip(&p.resources) {
            let a = &r.meta.attestations[i];
            let mut description = format!("{} attestation of {}: {}", a.kind, p.name, a.id);
            if let Some((start, end)) = a.period {
                description.push_str(&format!(", covering {start} to {end}"));
            }
            if let Some(until) = a.valid_until {
                description.push_str(&format!(", valid until {until}"));
            }
            if let Some(file) = &a.file {
                description.push_str(&format!(", kept as {file}"));
            }
            description.push('.');
            let title = if a.title.trim().is_empty() { a.id.clone() } else { a.title.clone() };
            resources.push(Resource {
                uuid: uuid.clone(),
                title: line(&title, &a.kind),
                description,
                rlinks: Vec::new(),
            });
        }
    }
    BackMatter { resources }
}

fn media_type(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    match () {
        _ if lower.ends_with(".json") => Some("application/oscal+json"),
        _ if lower.ends_with(".xml") => Some("application/oscal+xml"),
        _ if lower.ends_with(".yaml") || lower.ends_with(".yml") => Some("application/oscal+yaml"),
        _ => None,
    }
}
