//! The port overrides of an endpoint group in the context of its accelerator: the listener port ranges
//! of every listener of the accelerator, and the endpoint groups sharing it (GA-PO-* rules).

use crate::model::ga::EndpointGroup;
use crate::model::Model;

/// `(from, to, listener)` of every listener range of the accelerator the listener belongs to (of the
/// listener alone when its accelerator is not one of the templates'); `None` when a listener's ranges
/// are not known as a whole.
pub fn accelerator_ranges(m: &Model, li: usize) -> Option<Vec<(i64, i64, usize)>> {
    let l = m.ga_listeners.get(li)?;
    let listeners = match l.accelerator {
        Some(a) => m.listeners_of_accelerator(a),
        None => std::slice::from_ref(&li),
    };
    if listeners.iter().any(|&x| {
        m.ga_listeners
            .get(x)
            .is_some_and(|l| l.port_ranges_unknown.is_some())
    }) {
        return None;
    }
    Some(match l.accelerator {
        Some(a) => m
            .listeners_of_accelerator(a)
            .iter()
            .flat_map(|&x| {
                m.ga_listeners
                    .get(x)
                    .into_iter()
                    .flat_map(|l| &l.port_ranges)
                    .filter_map(move |r| Some((r.from?, r.to?, x)))
            })
            .collect(),
        None => l
            .port_ranges
            .iter()
            .filter_map(|r| Some((r.from?, r.to?, li)))
            .collect(),
    })
}

/// The endpoint groups of the accelerator of listener `li` (`g` alone when the accelerator is unknown).
pub fn accelerator_groups<'m>(
    m: &'m Model,
    li: usize,
    g: &'m EndpointGroup,
) -> Vec<&'m EndpointGroup> {
    match m.ga_listeners.get(li).and_then(|l| l.accelerator) {
        Some(a) => m
            .listeners_of_accelerator(a)
            .iter()
            .flat_map(|&x| {
                m.endpoint_groups_of_listener(x)
                    .iter()
                    .filter_map(|&gi| m.endpoint_groups.get(gi))
            })
            .collect(),
        None => vec![g],
    }
}
