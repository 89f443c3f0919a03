//! Name normalization: the tolerant matching of headers, models, providers and products.

/// Lower-case letters and digits only: "Service Model" → "servicemodel", "IaaS" → "iaas".
pub fn key(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Lower-case words split on anything that is not a letter or digit.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The key of a product name with brand words dropped ("AWS RDS" → "rds"), unless nothing
/// would remain.
pub fn product_key(text: &str, strip: &[String]) -> String {
    let all = words(text);
    let kept: Vec<&String> = all.iter().filter(|w| !strip.contains(w)).collect();
    if kept.is_empty() {
        all.concat()
    } else {
        kept.into_iter().map(String::as_str).collect()
    }
}

/// The `service:type` an AWS ARN names, as AWS Resource Explorer writes resource types:
/// `arn:aws:rds:us-east-1:123456789012:db:orders` → `rds:db`, `arn:aws:ec2:…:instance/i-0ab` →
/// `ec2:instance`; the bare service when the resource is a plain name (`arn:aws:s3:::bucket` →
/// `s3`, SQS queues, SNS topics). `None` for anything but an ARN of an AWS partition.
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

/// A stable id derived from a name: "Orders DB (prod)" → "orders-db-prod".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Company suffixes CMDB vendor fields carry ("Microsoft Corporation", "Google LLC").
const COMPANY_SUFFIXES: [&str; 12] =
    ["inc", "inc.", "llc", "ltd", "ltd.", "corp", "corp.", "corporation", "gmbh", "ag", "plc", "limited"];

/// Other readings of a vendor name: without a parenthesized part and the part itself
/// ("Amazon Web Services (AWS)" → "Amazon Web Services", "AWS"), without a company suffix.
pub fn vendor_variants(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some(open), Some(close)) = (text.find('('), text.rfind(')')) {
        if open < close {
            out.push(format!("{} {}", &text[..open], &text[close + 1..]).trim().to_string());
            out.push(text[open + 1..close].trim().to_string());
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if let Some((last, rest)) = words.split_last() {
        if !rest.is_empty() && COMPANY_SUFFIXES.contains(&last.trim_end_matches(',').to_ascii_lowercase().as_str()) {
            out.push(rest.join(" ").trim_end_matches(',').to_string());
        }
    }
    out.retain(|v| !v.is_empty());
    out
}

/// Levenshtein distance, for "did you mean" hints on short words.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate within a small distance, for hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = key(word);
    candidates
        .into_iter()
        .map(|c| (distance(&word, &key(c)), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_slugs_and_products() {
        assert_eq!(key("Service Model"), "servicemodel");
        assert_eq!(key("  Data-Classification "), "dataclassification");
        assert_eq!(slug("Orders DB (prod)"), "orders-db-prod");
        assert_eq!(slug("Zürich Files"), "zürich-files");
        let strip = vec!["amazon".to_string(), "aws".to_string()];
        assert_eq!(product_key("AWS RDS", &strip), "rds");
        assert_eq!(product_key("Amazon RDS", &strip), "rds");
        assert_eq!(product_key("Amazon", &strip), "amazon");
        assert_eq!(closest("paaz", ["iaas", "paas", "saas"]), Some("paas"));
    }

    #[test]
    fn arns_name_their_service_and_resource_type() {
        let t = |a: &str| arn_type(a);
        assert_eq!(t("arn:aws:rds:us-east-1:123456789012:db:orders").as_deref(), Some("rds:db"));
        assert_eq!(t(" arn:aws:ec2:eu-west-1:123456789012:instance/i-0ab ").as_deref(), Some("ec2:instance"));
        assert_eq!(t("arn:aws:s3:::bucket").as_deref(), Some("s3"));
        assert_eq!(t("arn:aws-cn:sns:cn-north-1:123456789012:alerts").as_deref(), Some("sns"));
        assert_eq!(t("arn:aws:apigateway:us-east-1::/restapis/a1").as_deref(), Some("apigateway:restapis"));
        assert_eq!(
            t("arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/50dc").as_deref(),
            Some("elasticloadbalancing:loadbalancer")
        );
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
}
