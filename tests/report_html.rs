//! The HTML and Markdown reports: snapshots of the sample, template overrides and their
//! errors, escaping, and the HTML rendered by headless Chromium.

mod common;
mod html_support;

use common::{code, run, s, stderr};
use html_support::{dump_dom, expect_snapshot, report, sample_report};

#[test]
fn sample_reports_match_their_snapshots_and_are_deterministic() {
    let (_a, first) = sample_report(&[]);
    let (_b, second) = sample_report(&[]);
    for name in ["responsibility-matrix.html", "responsibility-matrix.md"] {
        let bytes = std::fs::read(first.join(name)).unwrap();
        assert_eq!(bytes, std::fs::read(second.join(name)).unwrap(), "{name} differs between two runs");
        expect_snapshot(&format!("sample-{name}"), &bytes);
    }
}

#[test]
fn markdown_has_a_table_per_framework_with_a_column_per_service() {
    let (_d, out) = sample_report(&[]);
    let md = std::fs::read_to_string(out.join("responsibility-matrix.md")).unwrap();
    for heading in
        ["## Summary", "## NIST Cybersecurity Framework (CSF) 2.0", "## ISO/IEC 27017:2015", "## SOC 2 Trust"]
    {
        assert!(md.contains(heading), "missing {heading}");
    }
    let header = md.lines().find(|l| l.starts_with("| Control | Title | Status |")).unwrap();
    assert_eq!(header.matches('|').count(), 8 + 25, "7 fixed columns and 25 services: {header}");
    let row = md.lines().find(|l| l.starts_with("| PR.PS-02 |")).expect("PR.PS-02 row");
    assert_eq!(row.matches(" | ").count() + 2, header.matches('|').count(), "{row}");
}

#[test]
fn a_template_override_replaces_the_built_in_one_by_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("theme");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(t.join("summary.html.hbs"), "<section id=\"summary\"><p>OUR OWN SUMMARY for {{meta.organization}}: {{num totals.controls.total}} controls</p></section>\n").unwrap();
    std::fs::write(t.join("framework.md.hbs"), "### {{id}}: {{plural control_count \"control\"}}\n").unwrap();
    std::fs::write(t.join("README.txt"), "not a template, ignored").unwrap();
    let (_d, out) = sample_report(&["--templates", s(&t)]);
    let html = std::fs::read_to_string(out.join("responsibility-matrix.html")).unwrap();
    assert!(html.contains("OUR OWN SUMMARY for Northwind Health Analytics: 288 controls"), "override not used");
    assert!(html.contains("id=\"matrix-table\""), "the other partials stay built in");
    let md = std::fs::read_to_string(out.join("responsibility-matrix.md")).unwrap();
    assert!(md.contains("### soc2-2017: 61 controls"), "{md}");
}

#[test]
fn a_bad_override_is_an_error_at_its_place_and_nothing_is_written() {
    let cases: [(&str, &str, &str); 3] = [
        ("report.md.hbs", "# {{title}}\n\n{{#each frameworks}}\n  {{/if}}\n", ":4:3: template syntax error"),
        ("matrix.html.hbs", "<p>\n  {{meta.organisation}}</p>\n", ":2:3: cannot render responsibility-matrix.html"),
        ("sumary.html.hbs", "x", ": no built-in template is named sumary.html.hbs"),
    ];
    for (name, text, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("t");
        std::fs::create_dir(&t).unwrap();
        std::fs::write(t.join(name), text).unwrap();
        let out = dir.path().join("out");
        let o = run(&["report", "--config", &sample_config(), "--out", s(&out), "--templates", s(&t), "-q"]);
        assert_eq!(code(&o), 2, "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(&format!("{}{expected}", t.join(name).display())), "{name}: {err}");
        assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(), "{name}: wrote files");
    }
}

#[test]
fn input_text_is_escaped_in_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let out = report(&dir, HOSTILE_INVENTORY, &["-f", "soc2-2017"]);
    let html = std::fs::read_to_string(out.join("responsibility-matrix.html")).unwrap();
    assert!(!html.contains("<script>document.title"), "raw script tag from the inventory");
    assert!(!html.contains("<b>bold"), "raw HTML from the inventory");
    assert!(html.contains("&lt;script&gt;document.title&#x3D;&#x27;pwned&#x27;&lt;/script&gt;"), "escaped name");
    assert!(html.contains("\\u003cscript\\u003edocument.title='pwned'\\u003c/script\\u003e"), "escaped JSON");
    assert_eq!(html.matches("<script").count(), 2, "only the page's own data and script elements");
    let md = std::fs::read_to_string(out.join("responsibility-matrix.md")).unwrap();
    assert_eq!(md.lines().filter(|l| l.starts_with("| CC6.1 |")).count(), 1, "one row per control");
    assert!(md.contains("| &lt;script&gt;document.title='pwned'&lt;/script&gt; |"), "{md}");
    assert!(md.contains("| Pay \\| Ledger |"), "pipe escaped");
    assert!(md.contains("| Ops \\| Team |"), "pipe escaped");
    assert!(md.contains("&lt;b&gt;bold&lt;/b&gt; \\*not\\* \\_emphasis\\_<br>second line"), "notes escaped");
}

/// Two services whose inventory text tries to break out of HTML and Markdown.
const HOSTILE_INVENTORY: &str = "Service ID,Service Name,Cloud Provider,Provider Service,Service Model,Owner\n\
xss,<script>document.title='pwned'</script>,AWS,Amazon EC2,IaaS,\"<b>bold</b> *not* _emphasis_\nsecond line\"\n\
ledger,Pay | Ledger,AWS,Amazon RDS,PaaS,Ops | Team\n";

#[test]
fn chromium_renders_the_controls_and_the_script_fills_in_statements() {
    if !common::have(&html_support::browser(), "chromium") {
        return;
    }
    let (_d, out) = sample_report(&[]);
    let page = out.join("responsibility-matrix.html");
    let matrix = common::read_matrix(&out.join("matrix.json"));
    let controls = matrix["controls"].as_array().unwrap();
    let dom = dump_dom(&page, "");
    assert!(dom.contains(&format!("Showing {n} of {n} controls", n = controls.len())), "the filter script did not run");
    for c in controls {
        let id = html_text(c["id"].as_str().unwrap());
        assert!(dom.contains(&format!("<span class=\"cid\">{id}</span>")), "control {id} not in the rendered page");
    }
    // With a service picked, every control shows that service's statements, composed by the
    // script: they must equal the JSON matrix's, word for word.
    for svc in ["web-frontend", "orders-db", "zurich-file-server"] {
        let dom = dump_dom(&page, &format!("#service={svc}"));
        for (field, class) in [("provider_statement", "prov"), ("customer_statement", "cust"), ("rationale", "rat")] {
            let shown = html_support::all_between(&dom, &format!("<dd class=\"{class}\">"), "</dd>");
            let expected: Vec<String> = controls
                .iter()
                .map(|c| c["services"].as_array().unwrap().iter().find(|x| x["service"] == svc).unwrap())
                .map(|cell| html_text(cell[field].as_str().unwrap()))
                .map(|t| if t.is_empty() { "\u{2014}".to_string() } else { t })
                .collect();
            assert_eq!(shown.len(), expected.len(), "{svc} {field}: one per control");
            for (i, (a, b)) in shown.iter().zip(&expected).enumerate() {
                assert_eq!(a, b, "{svc} {field} of {}", controls[i]["id"]);
            }
        }
    }
    let customer_of_orders_db = controls
        .iter()
        .filter(|c| c["services"][1]["service"] == "orders-db" && c["services"][1]["status"] == "customer");
    let n = customer_of_orders_db.count();
    let dom = dump_dom(&page, "#service=orders-db&status=customer");
    assert!(dom.contains(&format!("Showing {n} of {} controls", controls.len())), "status filter for a service");
}

#[test]
fn chromium_shows_hostile_inventory_text_as_text() {
    if !common::have(&html_support::browser(), "chromium") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = report(&dir, HOSTILE_INVENTORY, &["-f", "soc2-2017"]);
    let dom = dump_dom(&out.join("responsibility-matrix.html"), "#service=xss");
    assert!(dom.contains("<title>Responsibility matrix: Organization not set</title>"), "the title was changed");
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), "name shown as text");
    assert!(!dom.contains("<b>bold"), "inventory HTML was parsed");
}

/// Text as the DOM serializer writes it inside an element.
fn html_text(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\u{a0}', "&nbsp;")
}

fn sample_config() -> String {
    common::root().join("samples/respmatrix.yaml").display().to_string()
}

/// 500 services × 1,007 controls (the 288 built-in ones plus 719 generated): the matrix groups
/// services by model, names move behind the script, and the page stays a sensible size.
#[test]
fn a_wide_inventory_is_grouped_and_the_page_stays_small() {
    let dir = tempfile::tempdir().unwrap();
    let report = html_support::wide_report(&dir, 500, 719);
    assert_eq!(report.matrix.controls.len(), 1007);
    let html = respmatrix::render::html::render_html(&report).unwrap();
    let md = respmatrix::render::markdown::render_markdown(&report).unwrap();
    eprintln!("500 services x 1,007 controls: HTML {} bytes, Markdown {} bytes", html.len(), md.len());
    if let Some(path) = std::env::var_os("RESPMATRIX_WIDE_OUT") {
        std::fs::write(path, &html).unwrap(); // to look at it in a browser
    }
    let text = String::from_utf8(html).unwrap();
    assert!(text.contains("<table class=\"matrix grouped\""), "columns are grouped by model");
    assert!(text.contains("All 500 services"), "a decision covering everyone names no one");
    assert!(text.len() < 12_000_000, "HTML of {} bytes", text.len());
    assert!(md.len() < 400_000, "Markdown of {} bytes", md.len());
}

#[test]
fn chromium_search_reads_ids_titles_families_and_layers_and_badges_follow_the_service() {
    if !common::have(&html_support::browser(), "chromium") {
        return;
    }
    let (_d, out) = sample_report(&[]);
    let page = out.join("responsibility-matrix.html");
    let matrix = common::read_matrix(&out.join("matrix.json"));
    let controls = matrix["controls"].as_array().unwrap();
    // "Backup Server" is a service: searching "backup" finds the controls about backups only.
    let about_backup = controls
        .iter()
        .filter(|c| format!("{} {} {}", c["id"], c["title"], c["family"]).to_lowercase().contains("backup"))
        .count();
    let dom = dump_dom(&page, "#q=backup");
    let shown: usize =
        dom.split("data-shown=\"").nth(1).and_then(|t| t.split('"').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!(
        shown <= about_backup + 3 && shown < controls.len() / 4,
        "backup finds {shown} controls ({about_backup} mention it)"
    );
    // A layer id finds the controls tagged with it.
    let with_layer =
        controls.iter().filter(|c| c["layers"].as_array().unwrap().iter().any(|l| l == "facilities")).count();
    let dom = dump_dom(&page, "#q=facilities");
    let shown: usize =
        dom.split("data-shown=\"").nth(1).and_then(|t| t.split('"').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!(shown >= with_layer, "facilities finds the {with_layer} controls on that layer ({shown})");
    // With a service picked, each control's badge is that service's status.
    let dom = dump_dom(&page, "#service=zurich-file-server");
    let first = &controls[0];
    let status = first["services"].as_array().unwrap().iter().find(|x| x["service"] == "zurich-file-server").unwrap()
        ["status"]
        .as_str()
        .unwrap()
        .to_string();
    let anchor = dom.find(&format!("<span class=\"cid\">{}</span>", html_text(first["id"].as_str().unwrap()))).unwrap();
    let badge = &dom[anchor..anchor + 400];
    assert!(badge.contains(&format!("class=\"badge s-{status}\"")), "{badge}");
}

#[test]
fn the_matrix_scrolls_with_the_page_and_its_header_sticks_below_the_filters() {
    let (_d, out) = sample_report(&[]);
    let page = out.join("responsibility-matrix.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let css = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    let rule =
        |sel: &str| css.lines().find(|l| l.starts_with(sel)).unwrap_or_else(|| panic!("{sel} in the CSS")).to_string();
    // No box of its own that scrolls, no column label cut off.
    assert!(!rule(".scroll {").contains("overflow"), "{}", rule(".scroll {"));
    assert!(!rule(".scroll {").contains("max-height"), "{}", rule(".scroll {"));
    let label = rule("table.matrix th.col a {");
    assert!(!label.contains("ellipsis") && !label.contains("max-height"), "{label}");
    if !common::have(&html_support::browser(), "chromium") {
        return;
    }
    // The script measures the sticky filters and places the header below them.
    let dom = dump_dom(&page, "");
    let html_tag = &dom[dom.find("<html").unwrap()..];
    let html_tag = &html_tag[..html_tag.find('>').unwrap()];
    let px: f32 = html_tag
        .split("--stick:")
        .nth(1)
        .and_then(|t| t.trim().split("px").next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("the script sets --stick on <html>: {html_tag}"));
    assert!(px > 20.0 && px < 400.0, "{px}px");
}
