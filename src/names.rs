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
}
