import { describe, expect, it } from 'vitest'
import { parseClockTimestamp, parseFieldTime, parseTimestamp } from './timestamp.js'

describe('parseTimestamp', () => {
  it.each([
    { id: 'WebVTT hh:mm:ss.ttt', value: '00:00:02.760', seconds: 2.76 },
    { id: 'SRT comma decimal', value: '00:37:33,000', seconds: 2253 },
    { id: 'Podnews seconds only', value: '0.860', seconds: 0.86 },
    { id: 'Podnews m:ss.ttt', value: '1:01.460', seconds: 61.46 },
    { id: 'Omny h:mm:ss.ttt', value: '0:00:00.680', seconds: 0.68 },
    { id: 'HTML m:ss', value: '11:31', seconds: 691 },
    { id: 'hours over 99', value: '100:00:00.000', seconds: 360000 },
    { id: 'leading minutes over 59', value: '75:30', seconds: 4530 },
    { id: 'surrounding spaces', value: ' 00:01.5 ', seconds: 1.5 },
  ])('reads $id', ({ value, seconds }) => {
    expect(parseTimestamp(value)).toBeCloseTo(seconds, 6)
  })

  it.each([
    { id: 'empty', value: '' },
    { id: 'a word', value: 'banana' },
    { id: 'seconds over 59 below a minute', value: '1:75' },
    { id: 'minutes over 59 below an hour', value: '1:60:00' },
    { id: 'four units', value: '1:00:00:00' },
    { id: 'empty unit', value: '1::00' },
    { id: 'trailing decimal point', value: '1:00.' },
    { id: 'letters in the fraction', value: '1:00.5x' },
    { id: 'an arrow', value: '00:01.000 -->' },
  ])('refuses $id', ({ value }) => {
    expect(parseTimestamp(value)).toBeUndefined()
  })

  it('parseClockTimestamp wants a colon, so years and counts in prose are not times', () => {
    expect(parseClockTimestamp('2019')).toBeUndefined()
    expect(parseClockTimestamp('0:53')).toBe(53)
  })
})

describe('parseFieldTime', () => {
  it('reads a clock time or a number of seconds from a data field, and NaN from anything else', () => {
    expect([parseFieldTime('00:01:05.500'), parseFieldTime(' 1.5 '), parseFieldTime('1.500s'), parseFieldTime('1:xx'), parseFieldTime('soon')])
      .toEqual([65.5, 1.5, 1.5, Number.NaN, Number.NaN])
  })
})
