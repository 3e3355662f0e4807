//! [`Few`]: a list that is nearly always short, kept inline until it grows past its room.
//!
//! Rules and their plans hold many lists that have one or two entries, or none: a rule's `BYDAY`,
//! a plan's times of day, a month's matching days. Read once and thrown away (a query from a flag's
//! text), each such list's heap allocation costs more than everything done with it.

use std::fmt;
use std::ops::Deref;

use super::{Weekday, WeekdayNum};

/// A value to fill a [`Few`]'s unused room with; never seen through the list.
pub(crate) trait Blank: Copy {
    /// The filler.
    const BLANK: Self;
}

impl Blank for i64 {
    const BLANK: Self = 0;
}

impl Blank for WeekdayNum {
    const BLANK: Self = WeekdayNum {
        ordinal: None,
        weekday: Weekday::Monday,
    };
}

impl Blank for (i8, Weekday) {
    const BLANK: Self = (0, Weekday::Monday);
}

/// A list of up to `N` values kept inline, on the heap once it holds more; a slice to read.
#[derive(Clone)]
pub(crate) enum Few<T: Blank, const N: usize> {
    /// The first `len` values of the array.
    Inline { len: u8, values: [T; N] },
    /// More than `N` values were pushed at some point.
    Heap(Vec<T>),
}

impl<T: Blank, const N: usize> Few<T, N> {
    /// The empty list.
    pub(crate) const fn new() -> Self {
        Few::Inline {
            len: 0,
            values: [T::BLANK; N],
        }
    }

    /// Appends `value`.
    #[inline]
    pub(crate) fn push(&mut self, value: T) {
        match self {
            Few::Inline { len, values } => match values.get_mut(usize::from(*len)) {
                Some(slot) => {
                    *slot = value;
                    *len += 1;
                }
                None => {
                    let mut all = Vec::with_capacity(2 * N.max(1));
                    all.extend_from_slice(values);
                    all.push(value);
                    *self = Few::Heap(all);
                }
            },
            Few::Heap(all) => all.push(value),
        }
    }

    /// Removes every value (a list on the heap keeps its room).
    #[inline]
    pub(crate) fn clear(&mut self) {
        match self {
            Few::Inline { len, .. } => *len = 0,
            Few::Heap(all) => all.clear(),
        }
    }
}

impl<T: Blank, const N: usize> Default for Few<T, N> {
    fn default() -> Self {
        Few::new()
    }
}

impl<T: Blank, const N: usize> Deref for Few<T, N> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        match self {
            Few::Inline { len, values } => values.get(..usize::from(*len)).unwrap_or_default(),
            Few::Heap(all) => all,
        }
    }
}

impl<T: Blank, const N: usize> Extend<T> for Few<T, N> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, values: I) {
        for value in values {
            self.push(value);
        }
    }
}

impl<T: Blank, const N: usize> FromIterator<T> for Few<T, N> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Self {
        let mut few = Few::new();
        few.extend(values);
        few
    }
}

impl<T: Blank, const N: usize> From<Vec<T>> for Few<T, N> {
    fn from(values: Vec<T>) -> Self {
        values.into_iter().collect()
    }
}

impl<T: Blank + fmt::Debug, const N: usize> fmt::Debug for Few<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Blank + PartialEq, const N: usize> PartialEq for Few<T, N> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Blank + Eq, const N: usize> Eq for Few<T, N> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_values_stay_inline_and_more_go_to_the_heap() {
        let mut few: Few<i64, 2> = Few::new();
        assert!(few.is_empty());
        few.push(3);
        few.push(1);
        assert!(matches!(few, Few::Inline { len: 2, .. }));
        assert_eq!(*few, [3, 1]);
        few.push(4);
        assert!(matches!(few, Few::Heap(_)));
        assert_eq!(*few, [3, 1, 4]);
        few.clear();
        assert!(few.is_empty());
        few.extend([1, 5]);
        assert_eq!(*few, [1, 5]);
        assert_eq!(few, (1..6).step_by(4).collect());
        assert_eq!(format!("{few:?}"), "[1, 5]");
        assert_ne!(few, Few::from(vec![1, 5, 9]));
    }
}
