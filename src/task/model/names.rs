//! The fields the crate reads or writes, by the names TickTick gives them: their spelling, their
//! start in compact JSON, and the fast lookup of a key read from text.

/// The fields the crate reads or writes, by the names TickTick gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Name {
    Id,
    Etag,
    StartDate,
    DueDate,
    TimeZone,
    IsAllDay,
    IsFloating,
    RepeatFlag,
    RepeatFrom,
    RepeatTaskId,
    ExDate,
    Items,
    Reminders,
    Status,
    Attachments,
    CompletedTime,
    CompletedUserId,
    ModifiedTime,
    CreatedTime,
    PinnedTime,
    RemindTime,
    Progress,
    FocusSummaries,
    Title,
}

/// How many [`Name`]s there are.
pub(super) const NAMES: usize = 24;

impl Name {
    /// The field's name as TickTick spells it.
    #[inline]
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Name::Id => "id",
            Name::Etag => "etag",
            Name::StartDate => "startDate",
            Name::DueDate => "dueDate",
            Name::TimeZone => "timeZone",
            Name::IsAllDay => "isAllDay",
            Name::IsFloating => "isFloating",
            Name::RepeatFlag => "repeatFlag",
            Name::RepeatFrom => "repeatFrom",
            Name::RepeatTaskId => "repeatTaskId",
            Name::ExDate => "exDate",
            Name::Items => "items",
            Name::Reminders => "reminders",
            Name::Status => "status",
            Name::Attachments => "attachments",
            Name::CompletedTime => "completedTime",
            Name::CompletedUserId => "completedUserId",
            Name::ModifiedTime => "modifiedTime",
            Name::CreatedTime => "createdTime",
            Name::PinnedTime => "pinnedTime",
            Name::RemindTime => "remindTime",
            Name::Progress => "progress",
            Name::FocusSummaries => "focusSummaries",
            Name::Title => "title",
        }
    }

    /// The start of a member of this name in compact JSON: `"name":`.
    #[inline]
    pub(super) const fn member_start(self) -> &'static str {
        match self {
            Name::Id => "\"id\":",
            Name::Etag => "\"etag\":",
            Name::StartDate => "\"startDate\":",
            Name::DueDate => "\"dueDate\":",
            Name::TimeZone => "\"timeZone\":",
            Name::IsAllDay => "\"isAllDay\":",
            Name::IsFloating => "\"isFloating\":",
            Name::RepeatFlag => "\"repeatFlag\":",
            Name::RepeatFrom => "\"repeatFrom\":",
            Name::RepeatTaskId => "\"repeatTaskId\":",
            Name::ExDate => "\"exDate\":",
            Name::Items => "\"items\":",
            Name::Reminders => "\"reminders\":",
            Name::Status => "\"status\":",
            Name::Attachments => "\"attachments\":",
            Name::CompletedTime => "\"completedTime\":",
            Name::CompletedUserId => "\"completedUserId\":",
            Name::ModifiedTime => "\"modifiedTime\":",
            Name::CreatedTime => "\"createdTime\":",
            Name::PinnedTime => "\"pinnedTime\":",
            Name::RemindTime => "\"remindTime\":",
            Name::Progress => "\"progress\":",
            Name::FocusSummaries => "\"focusSummaries\":",
            Name::Title => "\"title\":",
        }
    }

    /// The field of this name, if the crate knows it.
    #[inline]
    pub(super) fn of(name: &str) -> Option<Name> {
        // The length, first and last letters tell the names apart; one comparison confirms, with a
        // name of known length, which the compiler makes a few loads rather than a call.
        let bytes = name.as_bytes();
        let is = |known: Name| (known.as_str().as_bytes() == bytes).then_some(known);
        match (bytes.len(), bytes.first()?, bytes.last()?) {
            (2, b'i', b'd') => is(Name::Id),
            (4, b'e', b'g') => is(Name::Etag),
            (9, b's', b'e') => is(Name::StartDate),
            (7, b'd', b'e') => is(Name::DueDate),
            (8, b't', b'e') => is(Name::TimeZone),
            (8, b'i', b'y') => is(Name::IsAllDay),
            (10, b'i', b'g') => is(Name::IsFloating),
            (10, b'r', b'g') => is(Name::RepeatFlag),
            (10, b'r', b'm') => is(Name::RepeatFrom),
            (12, b'r', b'd') => is(Name::RepeatTaskId),
            (6, b'e', b'e') => is(Name::ExDate),
            (5, b'i', b's') => is(Name::Items),
            (9, b'r', b's') => is(Name::Reminders),
            (6, b's', b's') => is(Name::Status),
            (11, b'a', b's') => is(Name::Attachments),
            (13, b'c', b'e') => is(Name::CompletedTime),
            (15, b'c', b'd') => is(Name::CompletedUserId),
            (12, b'm', b'e') => is(Name::ModifiedTime),
            (11, b'c', b'e') => is(Name::CreatedTime),
            (10, b'p', b'e') => is(Name::PinnedTime),
            (10, b'r', b'e') => is(Name::RemindTime),
            (8, b'p', b's') => is(Name::Progress),
            (14, b'f', b's') => is(Name::FocusSummaries),
            (5, b't', b'e') => is(Name::Title),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let all = [
            Name::Id,
            Name::Etag,
            Name::StartDate,
            Name::DueDate,
            Name::TimeZone,
            Name::IsAllDay,
            Name::IsFloating,
            Name::RepeatFlag,
            Name::RepeatFrom,
            Name::RepeatTaskId,
            Name::ExDate,
            Name::Items,
            Name::Reminders,
            Name::Status,
            Name::Attachments,
            Name::CompletedTime,
            Name::CompletedUserId,
            Name::ModifiedTime,
            Name::CreatedTime,
            Name::PinnedTime,
            Name::RemindTime,
            Name::Progress,
            Name::FocusSummaries,
            Name::Title,
        ];
        assert_eq!(all.len(), NAMES);
        for near in [
            "",
            "i",
            "ix",
            "iD",
            "startdate",
            "startDatE",
            "repeatFlog",
            "reminderz",
        ] {
            assert_eq!(Name::of(near), None, "{near}");
        }
        for (i, name) in all.into_iter().enumerate() {
            assert_eq!(name as usize, i);
            assert_eq!(Name::of(name.as_str()), Some(name));
            let mut other = name.as_str().to_owned();
            other.insert(1, 'x');
            assert_eq!(Name::of(&other), None);
            assert_eq!(Name::of(&name.as_str().to_uppercase()), None);
            assert_eq!(name.member_start(), format!("\"{}\":", name.as_str()));
        }
    }
}
