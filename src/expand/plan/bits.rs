//! A bit set of small numbers: the hours, minutes, seconds, weekdays and month days a rule allows.

/// Bit set of small numbers (hours, minutes, seconds, weekdays, month days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::expand) struct Bits(pub(super) u64);

impl Bits {
    pub(super) const ALL: Bits = Bits(u64::MAX);

    pub(super) fn of(values: impl IntoIterator<Item = u32>) -> Bits {
        Bits(values.into_iter().fold(0, |acc, v| acc | (1u64 << v)))
    }

    #[inline]
    pub(in crate::expand) fn has(self, v: u32) -> bool {
        self.0 >> v & 1 == 1
    }

    /// Whether every number below `n` is in the set.
    pub(super) fn covers(self, n: u32) -> bool {
        (0..n).all(|v| self.has(v))
    }

    /// The set's only member below `n`, if it has exactly one.
    pub(super) fn single(self, n: u32) -> Option<u32> {
        let mut members = self.members(n);
        match (members.next(), members.next()) {
            (Some(v), None) => Some(v),
            _ => None,
        }
    }

    /// The members below `n` (at most 64), ascending.
    pub(super) fn members(self, below: u32) -> impl Iterator<Item = u32> {
        let mut rest = if below >= 64 {
            self.0
        } else {
            self.0 & ((1 << below) - 1)
        };
        std::iter::from_fn(move || {
            let v = rest.trailing_zeros();
            rest &= rest.checked_sub(1)?;
            Some(v)
        })
    }
}
