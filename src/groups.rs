//! Grouping mentions into real-world entities: the cast list.

use crate::analysis::EntityType;
use crate::entities::Mention;
use crate::text::Document;

/// One real-world thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    /// The type of its mentions.
    pub ty: EntityType,
    /// The fullest name used.
    pub name: String,
    /// Indices of its mentions, in order.
    pub mentions: Vec<usize>,
}

/// Groups and the group of each mention.
#[derive(Debug, Clone, Default)]
pub struct Cast {
    /// The groups.
    pub groups: Vec<GroupInfo>,
    /// For each mention, the index of its group.
    pub group_of: Vec<usize>,
}

/// Groups the mentions of one document.
pub fn build(doc: &Document, mentions: &[Mention]) -> Cast {
    let mut cast = Cast::default();
    for (i, m) in mentions.iter().enumerate() {
        cast.group_of.push(cast.groups.len());
        cast.groups.push(GroupInfo {
            ty: m.ty,
            name: m.span.of(doc.text).to_string(),
            mentions: vec![i],
        });
    }
    cast
}
