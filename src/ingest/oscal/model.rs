//! The parts of the OSCAL catalog and profile models respmatrix reads, shared by the JSON, YAML and
//! XML readers. JSON and YAML deserialize straight into these types; XML is walked into them.
//! Everything else in a document is skipped.

use serde::de::IgnoredAny;
use serde::Deserialize;

/// A catalog (`{"catalog": …}` or `<catalog>`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Catalog {
    #[serde(default)]
    pub metadata: Metadata,
    #[serde(default)]
    pub params: Vec<Param>,
    #[serde(default)]
    pub controls: Vec<Control>,
    #[serde(default)]
    pub groups: Vec<Group>,
}

/// A profile (`{"profile": …}` or `<profile>`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Profile {
    #[serde(default)]
    pub metadata: Metadata,
    #[serde(default)]
    pub imports: Vec<Import>,
    #[serde(default)]
    pub modify: Option<Modify>,
    #[serde(default)]
    pub back_matter: Option<BackMatter>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Metadata {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub oscal_version: String,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub parties: Vec<Party>,
    #[serde(default)]
    pub responsible_parties: Vec<ResponsibleParty>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Party {
    #[serde(default)]
    pub uuid: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ResponsibleParty {
    #[serde(default)]
    pub role_id: String,
    #[serde(default)]
    pub party_uuids: Vec<String>,
}

/// A group of controls (a family, a CSF function); groups nest.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Group {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub params: Vec<Param>,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub controls: Vec<Control>,
}

/// A control; its `controls` are enhancements (800-53) or, by class, sub-items.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Control {
    pub id: String,
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub params: Vec<Param>,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub controls: Vec<Control>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Prop {
    pub name: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default)]
    pub ns: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Link {
    pub href: String,
    #[serde(default)]
    pub rel: Option<String>,
}

/// A part: statement, item, guidance, example, … Prose is text with `{{ insert: param, id }}`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Part {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub prose: Option<String>,
    #[serde(default)]
    pub parts: Vec<Part>,
}

/// A parameter (an assignment or a selection) that prose inserts.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Param {
    pub id: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub usage: Option<String>,
    #[serde(default)]
    pub props: Vec<Prop>,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub select: Option<Select>,
    #[serde(default)]
    pub constraints: Vec<Constraint>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Select {
    #[serde(default)]
    pub how_many: Option<String>,
    #[serde(default)]
    pub choice: Vec<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct Constraint {
    #[serde(default)]
    pub description: Option<String>,
}

/// One import of a profile: which catalog (`href`, usually `#uuid` into back-matter) and which
/// of its controls.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Import {
    pub href: String,
    #[serde(default)]
    pub include_all: Option<IgnoredAny>,
    #[serde(default)]
    pub include_controls: Vec<Selector>,
    #[serde(default)]
    pub exclude_controls: Vec<Selector>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Selector {
    #[serde(default)]
    pub with_child_controls: Option<String>,
    #[serde(default)]
    pub with_ids: Vec<String>,
    #[serde(default)]
    pub matching: Vec<Matching>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Matching {
    #[serde(default)]
    pub pattern: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Modify {
    #[serde(default)]
    pub set_parameters: Vec<SetParameter>,
    #[serde(default)]
    pub alters: Vec<Alter>,
}

/// A profile's change to one control; respmatrix reads the props it adds (FedRAMP marks its
/// response points this way).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Alter {
    #[serde(default)]
    pub control_id: String,
    #[serde(default)]
    pub adds: Vec<Add>,
}

/// Props added to a control or, with `by-id`, to one of its parts.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Add {
    #[serde(default)]
    pub by_id: Option<String>,
    #[serde(default)]
    pub props: Vec<Prop>,
}

/// A profile's parameter setting (FedRAMP values and constraints).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SetParameter {
    pub param_id: String,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub constraints: Vec<Constraint>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct BackMatter {
    #[serde(default)]
    pub resources: Vec<Resource>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Resource {
    #[serde(default)]
    pub uuid: String,
    #[serde(default)]
    pub rlinks: Vec<Rlink>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Rlink {
    pub href: String,
    #[serde(default)]
    pub media_type: Option<String>,
}

/// The first prop named `name`.
pub fn prop<'a>(props: &'a [Prop], name: &str) -> Option<&'a Prop> {
    props.iter().find(|p| p.name == name)
}
