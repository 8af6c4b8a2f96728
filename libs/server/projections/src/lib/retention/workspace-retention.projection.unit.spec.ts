import { feedDays } from './workspace-retention.projection';

describe('feedDays', () => {
  it.each([
    [30, 30],
    ['365', 365],
    [' 7 ', 7],
    [0, null],
    [-5, null],
    [1.5, null],
    ['30d', null],
    ['', null],
    [true, null],
    [null, null],
    [undefined, null],
  ])('reads %p as %p', (value, days) => {
    expect(feedDays(value)).toBe(days);
  });
});
