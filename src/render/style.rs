//! What statuses look like and mean, shared by every renderer so the workbook, PDF and HTML
//! agree.

use crate::model::Status;

/// Fill and text colours of a status, as RGB hex without '#'.
pub fn colors(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Inherited => ("C8E6C9", "1B5E20"),
        Status::Shared => ("FFE0B2", "8A3B00"),
        Status::Customer => ("BBDEFB", "0D47A1"),
        Status::NotApplicable => ("E0E0E0", "424242"),
        Status::Mixed => ("E1BEE7", "4A148C"),
    }
}

/// A short label for a status.
pub fn label(status: Status) -> &'static str {
    match status {
        Status::Inherited => "Inherited",
        Status::Shared => "Shared",
        Status::Customer => "Customer",
        Status::NotApplicable => "Not applicable",
        Status::Mixed => "Mixed",
    }
}

/// What a status means, for legends.
pub fn meaning(status: Status) -> &'static str {
    match status {
        Status::Inherited => "The provider runs every part of the control for the service; the organization relies on the provider's attestation (SOC 2 report, ISO certificate).",
        Status::Shared => "Provider and organization each run their own part of the control, in their own context (for example patching: the provider patches hosts, the organization its guest OS and applications).",
        Status::Customer => "The organization runs the whole control for the service (for example IAM, data classification, anything in its own datacenter).",
        Status::NotApplicable => "Nothing to implement for the service: a cloud-only control on the organization's own hardware, or an override with a recorded justification.",
        Status::Mixed => "Overall only: the in-scope services differ (for example inherited for the cloud services, the customer's for the own datacentre); the per-status counts say how.",
    }
}

/// How statuses are decided, in a few sentences for an About page or a report appendix.
pub const METHOD: &str = "Each control is tagged with the layers of the stack it touches (facilities, hardware, \
network infrastructure, virtualization, host OS, guest OS, platform, network configuration, security services, \
application, service configuration, identity, data, workforce, governance, business context). Each service model \
(on-prem, IaaS, containers, PaaS, serverless, abstracted, SaaS) assigns every layer to the provider, the \
organization, or both. For a control and a service: if the provider holds every layer the control touches, it is \
inherited; if the organization holds every layer, it is the customer's; otherwise it is shared. The layers follow \
the principles of the shared responsibility model: counterpart controls (policies, risk assessment, training, \
incident response, supplier management) are shared because each party runs its own version; where the provider \
runs a mechanism (sign-in and MFA, key management, TLS endpoints, automated backups, audit logs) and the \
organization configures it, the control is shared; where nothing is left for the organization it is inherited; \
cloud-only controls are not applicable to the organization's own datacentre. Provider catalog refinements and \
per-service layer overrides from the inventory adjust the owners; a control-level override with a justification \
sets the status outright. A control's overall status is the status every in-scope service shares, else mixed.";
