//! Report views for unit tests: an empty matrix, a service, a framework, with every field set
//! once here rather than in each renderer's tests.

use super::{Counts, FrameworkView, Matrix, OwnerSource, ServiceView};
use crate::model::{Layer, LayerSet, Owner};

/// A matrix of nothing: no frameworks, services or controls.
pub fn empty_matrix() -> Matrix {
    Matrix {
        generator: crate::GENERATOR.to_string(),
        frameworks: Vec::new(),
        services: Vec::new(),
        excluded: Vec::new(),
        controls: Vec::new(),
        overrides: Vec::new(),
        as_of: None,
        prose: Vec::new(),
        counterpart: Default::default(),
        counterpart_layers: LayerSet::EMPTY,
        also_serves: Vec::new(),
        provider: Default::default(),
    }
}

/// An in-scope cloud service `s{i}` of `model`, every layer the customer's, no provider.
pub fn service(i: usize, name: &str, model: &str) -> ServiceView {
    ServiceView {
        id: format!("s{i}"),
        name: name.to_string(),
        provider: None,
        provider_title: None,
        product: None,
        model: model.into(),
        model_title: model.to_uppercase(),
        model_source: "given".into(),
        model_given: true,
        owner: None,
        environment: None,
        classification: None,
        notes: None,
        evidence: None,
        in_scope: true,
        cloud: true,
        layer_overrides: Vec::new(),
        layer_override_reasons: Vec::new(),
        product_as_given: None,
        owners: vec![(Owner::Customer, OwnerSource::Model); Layer::COUNT],
        owner_why: vec![String::new(); Layer::COUNT],
        provider_sentences: vec![String::new(); Layer::COUNT],
        customer_sentences: vec![String::new(); Layer::COUNT],
        origin: format!("inventory.csv:{}", i + 2),
    }
}

/// A framework `id` of `controls` controls whose overall statuses are `counts`.
pub fn framework(id: &str, title: &str, controls: usize, counts: Counts) -> FrameworkView {
    FrameworkView {
        id: id.into(),
        title: title.into(),
        version: "1".into(),
        publisher: String::new(),
        source: String::new(),
        licence: String::new(),
        origin: "built-in".into(),
        controls,
        counts,
    }
}
