import { describe, expect, it } from 'vitest';
import { completeFollowUp, ellipticalPart } from '../src/search/followup.js';

describe('follow-up questions', () => {
  it('completes an elliptical place from the question replied to', () => {
    expect(completeFollowUp('永川区委书记是谁？', '那江津呢？')).toBe('江津区委书记是谁？');
    expect(completeFollowUp('2024年江津的陆海新通道班列开了多少列？', '那永川呢')).toBe('2024年永川的陆海新通道班列开了多少列？');
    expect(completeFollowUp('梁平区委书记是谁', '璧山区呢？')).toBe('璧山区委书记是谁');
  });

  it('replaces the time of the previous question, or adds one', () => {
    expect(completeFollowUp('2024年江津的陆海新通道班列开了多少列？', '去年呢？')).toBe('去年江津的陆海新通道班列开了多少列？');
    expect(completeFollowUp('2024年江津的陆海新通道班列开了多少列？', '2023年呢')).toBe('2023年江津的陆海新通道班列开了多少列？');
    expect(completeFollowUp('永川区委书记是谁？', '去年呢？')).toBe('去年永川区委书记是谁？');
    expect(completeFollowUp('How many trains ran in 2024?', 'What about 2023?')).toBe('How many trains ran in 2023?');
  });

  it('replaces time and place together, and leaves a follow-up in another script as it is', () => {
    expect(completeFollowUp('2024年江津的陆海新通道班列开了多少列？', '那2023年永川呢？')).toBe('2023年永川的陆海新通道班列开了多少列？');
    expect(completeFollowUp('永川区委书记是谁？', 'What about Jiangjin?')).toBe('What about Jiangjin?');
    expect(completeFollowUp('永川区委书记是谁？', 'What about last year?')).toBe('What about last year?');
    expect(completeFollowUp('2024年江津的陆海新通道班列开了多少列？', '2023呢？')).toBe('2023年江津的陆海新通道班列开了多少列？');
  });

  it('completes English follow-ups', () => {
    expect(completeFollowUp('Who is the party secretary of Yongchuan?', 'What about Jiangjin?')).toBe('Who is the party secretary of Jiangjin?');
    expect(completeFollowUp('Who is the party secretary of Yongchuan?', 'and Jiangjin?')).toBe('Who is the party secretary of Jiangjin?');
  });

  it('lets a full question stand on its own', () => {
    expect(ellipticalPart('市科技局党委书记是谁？')).toBeUndefined();
    expect(completeFollowUp('永川区委书记是谁？', '梁平区委书记是谁？')).toBe('梁平区委书记是谁？');
    expect(completeFollowUp('永川区委书记是谁？', 'Who leads the science bureau?')).toBe('Who leads the science bureau?');
    // Nothing to replace: the follow-up is passed on as it is.
    expect(completeFollowUp('市科技局党委书记是谁？', '那江津呢？')).toBe('那江津呢？');
  });
});
