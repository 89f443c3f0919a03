//! The part of the OSCAL System Security Plan model the renderer writes, field names as the
//! OSCAL JSON format spells them (1.1.3 and 1.2.1 agree on every field used here).

use serde::Serialize;

#[derive(Serialize)]
pub struct Document {
    #[serde(rename = "system-security-plan")]
    pub ssp: Ssp,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Ssp {
    pub uuid: String,
    pub metadata: Metadata,
    pub import_profile: Href,
    pub system_characteristics: SystemCharacteristics,
    pub system_implementation: SystemImplementation,
    pub control_implementation: ControlImplementation,
    pub back_matter: BackMatter,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Metadata {
    pub title: String,
    pub last_modified: String,
    pub version: String,
    pub oscal_version: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    pub roles: Vec<Role>,
    pub parties: Vec<Party>,
    pub responsible_parties: Vec<ResponsibleParty>,
    pub remarks: String,
}

#[derive(Serialize, Clone)]
pub struct Prop {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ns: Option<&'static str>,
    pub value: String,
}

#[derive(Serialize, Clone)]
pub struct Role {
    pub id: &'static str,
    pub title: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Party {
    pub uuid: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "kebab-case")]
pub struct ResponsibleParty {
    pub role_id: &'static str,
    pub party_uuids: Vec<String>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "kebab-case")]
pub struct ResponsibleRole {
    pub role_id: &'static str,
    pub party_uuids: Vec<String>,
}

#[derive(Serialize)]
pub struct Href {
    pub href: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SystemCharacteristics {
    pub system_ids: Vec<SystemId>,
    pub system_name: String,
    pub description: String,
    pub system_information: SystemInformation,
    pub status: State,
    pub authorization_boundary: Described,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SystemId {
    pub identifier_type: &'static str,
    pub id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SystemInformation {
    pub information_types: Vec<InformationType>,
}

#[derive(Serialize)]
pub struct InformationType {
    pub uuid: String,
    pub title: String,
    pub description: String,
}

#[derive(Serialize, Clone)]
pub struct State {
    pub state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

#[derive(Serialize)]
pub struct Described {
    pub description: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SystemImplementation {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub leveraged_authorizations: Vec<LeveragedAuthorization>,
    pub users: Vec<User>,
    pub components: Vec<Component>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct LeveragedAuthorization {
    pub uuid: String,
    pub title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    pub party_uuid: String,
    pub date_authorized: String,
    pub remarks: String,
}

#[derive(Serialize)]
pub struct Link {
    pub href: String,
    pub rel: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct User {
    pub uuid: String,
    pub title: String,
    pub role_ids: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Component {
    pub uuid: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    pub status: State,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responsible_roles: Vec<ResponsibleRole>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ControlImplementation {
    pub description: String,
    pub implemented_requirements: Vec<ImplementedRequirement>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ImplementedRequirement {
    pub uuid: String,
    pub control_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    pub by_components: Vec<ByComponent>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<Statement>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Statement {
    pub statement_id: String,
    pub uuid: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    pub by_components: Vec<ByComponent>,
    pub remarks: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ByComponent {
    pub component_uuid: String,
    pub uuid: String,
    pub description: String,
    pub props: Vec<Prop>,
    pub implementation_status: State,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inherited: Vec<Inherited>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responsible_roles: Vec<ResponsibleRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Inherited {
    pub uuid: String,
    pub provided_uuid: String,
    pub description: String,
}

#[derive(Serialize)]
pub struct BackMatter {
    pub resources: Vec<Resource>,
}

#[derive(Serialize)]
pub struct Resource {
    pub uuid: String,
    pub title: String,
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rlinks: Vec<Rlink>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Rlink {
    pub href: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hashes: Vec<Hash>,
}

#[derive(Serialize)]
pub struct Hash {
    pub algorithm: &'static str,
    pub value: String,
}
