//! Inventory columns and the header spellings accepted for each (DESIGN.md §3).

use crate::names;

/// A column the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Provider,
    Product,
    Model,
    Owner,
    Environment,
    Classification,
    InScope,
    Notes,
    Evidence,
    Overrides,
}

/// Header spellings per field, as normalized keys (lower-case letters and digits).
const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &[
            "id",
            "serviceid",
            "assetid",
            "systemid",
            "identifier",
            "ref",
            "reference",
            "key",
            "uid",
            "serviceref",
            "resourceid",
            // ServiceNow CMDB exports: `sys_id`, `asset_tag`.
            "sysid",
            "assettag",
            "ciid",
        ],
    ),
    (
        Field::Name,
        &[
            "name",
            "servicename",
            "systemname",
            "system",
            "assetname",
            "asset",
            "componentname",
            "component",
            "applicationname",
            "application",
            "workload",
            "resourcename",
            "displayname",
            "configurationitem",
            "ciname",
        ],
    ),
    (
        Field::Provider,
        &[
            "provider",
            "cloudprovider",
            "csp",
            "vendor",
            "cloud",
            "serviceprovider",
            "hosting",
            "hostingprovider",
            "cloudserviceprovider",
            "hostedby",
            "hostedat",
            // CMDB exports name the vendor as the manufacturer.
            "manufacturer",
            "vendorname",
        ],
    ),
    (
        Field::Product,
        &[
            "providerservice",
            "product",
            "cloudservice",
            "offering",
            "productname",
            "serviceoffering",
            "providerproduct",
            "technology",
            "cspservice",
            // ServiceNow's `model_id` ("Model ID"): the product model, not the service model.
            "modelid",
            "productmodel",
            // Cloud exports: AWS Config `resourceType`, Google Cloud Asset Inventory
            // `assetType`; their values are matched as machine identifiers.
            "resourcetype",
            "assettype",
        ],
    ),
    (
        Field::Model,
        &[
            "model",
            "servicemodel",
            "deliverymodel",
            "type",
            "servicetype",
            "cloudmodel",
            "cloudservicemodel",
            "hostingmodel",
            "deploymentmodel",
        ],
    ),
    (
        Field::Owner,
        &[
            "owner",
            "serviceowner",
            "systemowner",
            "businessowner",
            "technicalowner",
            "responsibleteam",
            "team",
            "accountable",
            // ServiceNow: `owned_by`, `managed_by`, `support_group`, `assignment_group`.
            "ownedby",
            "managedby",
            "supportgroup",
            "assignmentgroup",
        ],
    ),
    (Field::Environment, &["environment", "env", "stage", "tier", "usedfor"]),
    (
        Field::Classification,
        &[
            "dataclassification",
            "classification",
            "datasensitivity",
            "sensitivity",
            "dataclass",
            "informationclassification",
            "udataclassification",
        ],
    ),
    (Field::InScope, &["inscope", "scope", "auditscope", "inauditscope", "included", "applicable"]),
    (Field::Notes, &["notes", "note", "comments", "comment", "remarks", "description", "shortdescription"]),
    (Field::Evidence, &["evidence", "evidencelink", "evidencelocation", "evidenceurl"]),
    (Field::Overrides, &["overrides", "layeroverrides", "layers", "responsibilityoverrides", "layerowners"]),
];

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Provider => "provider",
            Field::Product => "service",
            Field::Model => "model",
            Field::Owner => "owner",
            Field::Environment => "environment",
            Field::Classification => "data classification",
            Field::InScope => "in scope",
            Field::Notes => "notes",
            Field::Evidence => "evidence",
            Field::Overrides => "overrides",
        }
    }
}

/// Every header spelling the importer knows (normalized), with its field, for "did you mean".
pub fn known_keys() -> impl Iterator<Item = (Field, &'static str)> {
    ALIASES.iter().flat_map(|(f, keys)| keys.iter().map(move |k| (*f, *k)))
}

impl Field {
    /// The key a YAML or JSON inventory writes for the field.
    pub fn yaml_key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Provider => "provider",
            Field::Product => "product",
            Field::Model => "model",
            Field::Owner => "owner",
            Field::Environment => "environment",
            Field::Classification => "data_classification",
            Field::InScope => "in_scope",
            Field::Notes => "notes",
            Field::Evidence => "evidence",
            Field::Overrides => "overrides",
        }
    }
}

/// The field a header names. "Service" alone means the service's name, unless another column
/// already names it; `header_fields` settles that.
fn field_of(header: &str) -> Option<Field> {
    let k = names::key(header);
    ALIASES.iter().find(|(_, keys)| keys.contains(&k.as_str())).map(|(f, _)| *f)
}

/// Maps a header row to fields: `None` for columns the importer ignores. A bare "Service"
/// column is the name when no other column is, otherwise the provider's product.
pub fn header_fields(headers: &[String]) -> Vec<Option<Field>> {
    let mut fields: Vec<Option<Field>> = headers.iter().map(|h| field_of(h)).collect();
    let has_name = fields.contains(&Some(Field::Name));
    let has_product = fields.contains(&Some(Field::Product));
    for (i, h) in headers.iter().enumerate() {
        if names::key(h) == "service" {
            fields[i] = match (has_name, has_product) {
                (false, _) => Some(Field::Name),
                (true, false) => Some(Field::Product),
                (true, true) => None,
            };
        }
    }
    // The first column of each field wins; later duplicates are ignored.
    let mut seen = Vec::new();
    for f in fields.iter_mut() {
        if let Some(x) = *f {
            if seen.contains(&x) {
                *f = None;
            } else {
                seen.push(x);
            }
        }
    }
    fields
}

/// Parses an in-scope cell: blank means in scope.
pub fn parse_in_scope(text: &str) -> Option<bool> {
    match names::key(text).as_str() {
        "" | "yes" | "y" | "true" | "1" | "x" | "in" | "inscope" | "included" | "include" | "ja" | "oui" => Some(true),
        "no" | "n" | "false" | "0" | "out" | "outofscope" | "excluded" | "exclude" | "na" | "notinscope" | "nein"
        | "non" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(h: &[&str]) -> Vec<Option<Field>> {
        header_fields(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn service_is_the_name_unless_another_column_is() {
        assert_eq!(
            map(&["Service", "CSP", "Type"]),
            vec![Some(Field::Name), Some(Field::Provider), Some(Field::Model)]
        );
        assert_eq!(
            map(&["Service Name", "Service", "Delivery Model"]),
            vec![Some(Field::Name), Some(Field::Product), Some(Field::Model)]
        );
        assert_eq!(map(&["Name", "Cost centre", "name"]), vec![Some(Field::Name), None, None]);
        assert_eq!(
            map(&[" Data Classification ", "In Scope?"]),
            vec![Some(Field::Classification), Some(Field::InScope)]
        );
    }

    #[test]
    fn scope_words() {
        assert_eq!(parse_in_scope("Yes"), Some(true));
        assert_eq!(parse_in_scope(""), Some(true));
        assert_eq!(parse_in_scope("Out of scope"), Some(false));
        assert_eq!(parse_in_scope("maybe"), None);
    }
}

/// Headers mapped by hand (`--columns name=resourceName,product=resourceType`, or `columns:` in
/// the project file): each wins over the automatic reading of its header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap(pub Vec<(Field, String)>);

impl ColumnMap {
    /// Parses `field=Header,field=Header`; field names as a YAML inventory writes them.
    pub fn parse(text: &str) -> Result<ColumnMap, String> {
        let mut out = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((f, h)) = part.split_once('=') else {
                return Err(format!("\"{part}\" is not field=Header (e.g. name=resourceName)"));
            };
            let field = Field::from_yaml_key(f.trim()).ok_or_else(|| {
                let all: Vec<&str> = Field::ALL.iter().map(|f| f.yaml_key()).collect();
                let hint =
                    names::closest(f, all.iter().copied()).map(|c| format!("; did you mean {c}?")).unwrap_or_default();
                format!("unknown field \"{}\" (fields: {}{hint})", f.trim(), all.join(", "))
            })?;
            out.push((field, h.trim().to_string()));
        }
        Ok(ColumnMap(out))
    }

    /// The fields of a header row with the hand mapping applied.
    pub fn apply(&self, headers: &[String], fields: &mut [Option<Field>]) {
        for (field, header) in &self.0 {
            let want = names::key(header);
            if let Some(i) = headers.iter().position(|h| names::key(h) == want) {
                for f in fields.iter_mut().filter(|f| **f == Some(*field)) {
                    *f = None;
                }
                fields[i] = Some(*field);
            }
        }
    }

    /// Whether a row holds every mapped header.
    pub fn matches(&self, headers: &[String]) -> bool {
        !self.0.is_empty() && self.0.iter().all(|(_, h)| headers.iter().any(|x| names::key(x) == names::key(h)))
    }
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Id,
        Field::Name,
        Field::Provider,
        Field::Product,
        Field::Model,
        Field::Owner,
        Field::Environment,
        Field::Classification,
        Field::InScope,
        Field::Notes,
        Field::Evidence,
        Field::Overrides,
    ];

    pub fn from_yaml_key(text: &str) -> Option<Field> {
        let k = names::key(text);
        Field::ALL.into_iter().find(|f| names::key(f.yaml_key()) == k || (k == "service" && *f == Field::Product))
    }
}
