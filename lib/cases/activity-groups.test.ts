// A case history reads as words, and twenty views of a new case are one line.
import { describe, expect, it } from "vitest";
import { groupCaseActivity, historyKey } from "./activity-groups";

const row = (id: number, action: string, actorName: string | null, minute: number, changedFields: string[] = []) => ({
  id: String(id),
  action,
  actorUserId: actorName,
  actorName,
  changedFields,
  createdAt: new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString(),
});

describe("the case history", () => {
  it("groups repeated views by one person in a row, and keeps changes one per line", () => {
    const items = [
      row(9, "case.view", "Aigul", 9),
      row(8, "case.view", "Aigul", 8),
      row(7, "case.view", "Aigul", 7),
      row(6, "case.event.create", "Aigul", 6),
      row(5, "case.view", "Erlan", 5),
      row(4, "case.view", "Aigul", 4),
      row(3, "case.update", "Aigul", 3, ["summary"]),
      row(2, "case.update", "Aigul", 2, ["tags"]),
    ];
    const groups = groupCaseActivity(items);
    expect(groups.map((g) => [g.key, g.actorName, g.count])).toEqual([
      ["case_view", "Aigul", 3],
      ["case_event_create", "Aigul", 1],
      ["case_view", "Erlan", 1],
      ["case_view", "Aigul", 1],
      ["case_update", "Aigul", 1],
      ["case_update", "Aigul", 1],
    ]);
    expect(groups[0]).toMatchObject({ latest: items[0]?.createdAt, earliest: items[2]?.createdAt });
  });

  it("keeps each kind of read one line when a page view writes several reads in turn", () => {
    // opening a case reads the case and its UN submissions: five visits write ten rows, interleaved
    const items = Array.from({ length: 10 }, (_, index) => row(20 - index, index % 2 === 0 ? "case.view" : "un.submissions.view", "Aigul", 20 - index));
    const groups = groupCaseActivity([...items, row(5, "case.note.create", "Aigul", 5), row(4, "case.view", "Aigul", 4)]);
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ["case_view", 5],
      ["un_submissions_view", 5],
      ["case_note_create", 1],
      ["case_view", 1],
    ]);
  });

  it("names an action it does not know as another action rather than showing its code", () => {
    expect(historyKey("attachment.download")).toBe("attachment_download");
    expect(historyKey("something.new")).toBe("other");
  });
});
