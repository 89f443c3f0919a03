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
    }
}

/// A short label for a status.
pub fn label(status: Status) -> &'static str {
    match status {
        Status::Inherited => "Inherited",
        Status::Shared => "Shared",
        Status::Customer => "Customer",
        Status::NotApplicable => "Not applicable",
    }
}

/// What a status means, for legends.
pub fn meaning(status: Status) -> &'static str {
    match status {
        Status::Inherited => "The provider runs every part of the control for the service; the organization relies on the provider's attestation (SOC 2 report, ISO certificate).",
        Status::Shared => "Provider and organization each run their own part of the control, in their own context (for example patching: the provider patches hosts, the organization its guest OS and applications).",
        Status::Customer => "The organization runs the whole control for the service (for example IAM, data classification, anything in its own datacenter).",
        Status::NotApplicable => "An override marks the control as not applicable, with a recorded justification.",
    }
}

/// How statuses are decided, in a few sentences for an About page or a report appendix.
pub const METHOD: &str = "Each control is tagged with the layers of the stack it touches (facilities, hardware, \
network infrastructure, virtualization, host OS, guest OS, platform, network configuration, application, identity, \
data, workforce, governance). Each service model (on-prem, IaaS, containers, PaaS, serverless, abstracted, SaaS) \
assigns every layer to the provider, the organization, or both. For a control and a service: if the provider holds \
every layer the control touches, it is inherited; if the organization holds every layer, it is the customer's; \
otherwise it is shared. Provider catalog refinements and per-service layer overrides from the inventory adjust the \
owners; a control-level override with a justification sets the status outright. A control's overall status is \
inherited or customer when every in-scope service agrees, and shared otherwise.";
