//! Cloud resource identifiers read as the resource types they name: AWS ARNs (as AWS Resource
//! Explorer writes types, `rds:db`) and Azure resource IDs (as Resource Manager writes types,
//! `Microsoft.Sql/servers/databases`), so an inventory column of identifiers finds its products.

/// A resource type read from an identifier, and what kind of identifier it was (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceType {
    pub kind: &'static str,
    pub ty: String,
}

/// The resource type `text` names, when it is an ARN or an Azure resource ID.
pub fn resource_type(text: &str) -> Option<ResourceType> {
    arn_type(text)
        .map(|ty| ResourceType { kind: "an ARN, read as the AWS resource type", ty })
        .or_else(|| azure_type(text).map(|ty| ResourceType { kind: "an Azure resource ID, read as the type", ty }))
}

/// The `service:type` of an AWS ARN: `arn:aws:rds:us-east-1:123456789012:db:orders` → `rds:db`,
/// `arn:aws:ec2:…:instance/i-0ab` → `ec2:instance`; the bare service when the resource is a
/// plain name (`arn:aws:s3:::bucket` → `s3`, SQS queues, SNS topics). `None` for anything but
/// an ARN of an AWS partition (`aws`, `aws-us-gov`, `aws-cn`).
pub fn arn_type(text: &str) -> Option<String> {
    let mut parts = text.trim().splitn(6, ':');
    let (arn, partition, service) = (parts.next()?, parts.next()?, parts.next()?);
    let resource = parts.nth(2)?.trim_start_matches('/');
    let aws = arn.eq_ignore_ascii_case("arn") && partition.to_ascii_lowercase().starts_with("aws");
    if !aws || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(match resource.find([':', '/']) {
        Some(n) => format!("{service}:{}", &resource[..n]),
        None => service.to_string(),
    })
}

/// The Resource Manager type of an Azure resource ID: the namespace after the last
/// `/providers/`, then every other segment (the type names, not the resource names):
/// `/subscriptions/…/resourceGroups/rg/providers/Microsoft.Sql/servers/s1/databases/orders` →
/// `Microsoft.Sql/servers/databases`.
pub fn azure_type(text: &str) -> Option<String> {
    let text = text.trim();
    if !text.to_ascii_lowercase().starts_with("/subscriptions/") {
        return None;
    }
    let segments: Vec<&str> = text.split('/').collect();
    let at = segments.iter().rposition(|s| s.eq_ignore_ascii_case("providers"))?;
    let rest = &segments[at + 1..];
    // namespace, then (type, name) pairs: a type without its name is no resource ID.
    if rest.len() < 3 || rest.len().is_multiple_of(2) || rest.iter().any(|s| s.is_empty()) {
        return None;
    }
    let types = rest[1..].iter().step_by(2).copied();
    Some(std::iter::once(rest[0]).chain(types).collect::<Vec<_>>().join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_name_their_service_and_resource_type() {
        let t = |a: &str| arn_type(a);
        assert_eq!(t("arn:aws:rds:us-east-1:123456789012:db:orders").as_deref(), Some("rds:db"));
        assert_eq!(t(" arn:aws:ec2:eu-west-1:123456789012:instance/i-0ab ").as_deref(), Some("ec2:instance"));
        assert_eq!(t("arn:aws:s3:::bucket").as_deref(), Some("s3"));
        assert_eq!(t("arn:aws-cn:sns:cn-north-1:123456789012:alerts").as_deref(), Some("sns"));
        assert_eq!(t("arn:aws:apigateway:us-east-1::/restapis/a1").as_deref(), Some("apigateway:restapis"));
        let elb = "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/50dc";
        assert_eq!(t(elb).as_deref(), Some("elasticloadbalancing:loadbalancer"));
        for not in [
            "rds:db",
            "AWS::RDS::DBInstance",
            "arn:aws:s3:::",
            "arn:azure:sql:x:y:db:z",
            "arn:aws::r:a:x",
            "arn:aws:s3",
        ] {
            assert_eq!(t(not), None, "{not}");
        }
    }

    #[test]
    fn azure_ids_name_their_resource_manager_type() {
        let t = |a: &str| azure_type(a);
        let db =
            "/subscriptions/0000-1111/resourceGroups/rg-prod/providers/Microsoft.Sql/servers/sql1/databases/orders";
        assert_eq!(t(db).as_deref(), Some("Microsoft.Sql/servers/databases"));
        let vm = "/SUBSCRIPTIONS/0000/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/VM-WEB";
        assert_eq!(t(vm).as_deref(), Some("MICROSOFT.COMPUTE/VIRTUALMACHINES"));
        // A child resource of another provider's resource: the last `providers` names it.
        let ext = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/providers/Microsoft.Insights/diagnosticSettings/d";
        assert_eq!(t(ext).as_deref(), Some("Microsoft.Insights/diagnosticSettings"));
        for not in [
            "/subscriptions/0/resourceGroups/rg",
            "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Sql/servers",
            "Microsoft.Sql/servers/databases",
            "rg/providers/Microsoft.Web/sites/x",
        ] {
            assert_eq!(t(not), None, "{not}");
        }
        assert_eq!(resource_type(db).map(|r| r.kind), Some("an Azure resource ID, read as the type"));
    }
}
