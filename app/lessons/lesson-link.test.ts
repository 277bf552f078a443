import { describe, expect, it } from 'vitest';
import { lessonIdFromHash, lessonLinkFor } from './lesson-link';

describe('lesson links', () => {
  it('round-trip a lesson id through the page address', () => {
    const link = lessonLinkFor('idle-source', 'http://127.0.0.1:5173/#job=abc');
    expect(link).toBe('http://127.0.0.1:5173/#lesson=idle-source');
    expect(lessonIdFromHash(new URL(link).hash)).toBe('idle-source');
  });

  it('ignore other hashes and empty ids', () => {
    expect(lessonIdFromHash('#job=abc')).toBeNull();
    expect(lessonIdFromHash('#lesson=')).toBeNull();
    expect(lessonIdFromHash('')).toBeNull();
    expect(lessonIdFromHash('#lesson=%E0%A4%A')).toBe('%E0%A4%A');
  });
});
