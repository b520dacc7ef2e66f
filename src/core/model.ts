/**
 * Kora's shared vocabulary: the data that crosses stage boundaries. Every span is `[start, end)` in
 * UTF-16 code units into a source's stored text, so `text.slice(start, end)` is the span's text.
 */
import type { SentenceId, SourceId } from './ids.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** What a line of text is: prose, a heading, or a list item (bullet or numbered). */
export type SentenceKind = 'sentence' | 'heading' | 'item';

export interface SentenceSpan extends Span {
  readonly kind: SentenceKind;
  /** Index of the passage (paragraph) that holds it. */
  readonly passage: number;
  /** Site furniture (mailing-list pleas, share bars, repeated footers): stored but never cited. */
  readonly boilerplate: boolean;
}

export interface PassageSpan extends Span {
  /** 1-based page number, for paged formats such as PDF. */
  readonly page?: number;
}

/** What a reader knows about a document besides its text. */
export interface SourceMeta {
  readonly title: string;
  /** Where it came from: a file path, `file.jsonl#id`, or a URL. */
  readonly location: string;
  readonly format: string;
  /** ISO 8601 date (YYYY-MM-DD or full timestamp) when known. */
  readonly date?: string;
  readonly author?: string;
  readonly url?: string;
  readonly language?: string;
}

/** A reader's output: plain text in paragraphs (blank line between them), not yet normalised. */
export interface RawDocument extends SourceMeta {
  readonly text: string;
  /** For paged formats: the raw text of each page, in order (takes precedence over `text`). */
  readonly pages?: readonly string[];
}

/** A document ready to store: normalised text with its passage and sentence spans. */
export interface SegmentedSource extends SourceMeta {
  readonly id: SourceId;
  /** SHA-256 of the stored text and metadata: re-ingesting an unchanged source is a no-op. */
  readonly hash: string;
  readonly text: string;
  readonly passages: readonly PassageSpan[];
  readonly sentences: readonly SentenceSpan[];
  /**
   * Optional: each sentence's index terms (core/text.ts `terms`) joined by spaces, computed by a parse worker so
   * the store's single writer thread need not; a store computes them itself when absent.
   */
  readonly sentenceTerms?: readonly string[];
}

/** A source as listed by a store. */
export interface SourceSummary extends SourceMeta {
  readonly id: SourceId;
  readonly hash: string;
  readonly sentences: number;
  readonly characters: number;
  /** Set when this source is a near-copy of another; it is then never searched or cited. */
  readonly duplicateOf?: SourceId;
}

/** A stored source with its text and spans. */
export interface StoredSource extends SourceSummary {
  readonly text: string;
  readonly passages: readonly PassageSpan[];
  readonly sentenceSpans: readonly SentenceSpan[];
}

/** One sentence found by a search, with its offsets into the source's stored text. */
export interface SentenceHit extends Span {
  readonly sentenceId: SentenceId;
  readonly sourceId: SourceId;
  readonly title: string;
  readonly text: string;
  readonly kind: SentenceKind;
  /** Higher is better; BM25, comparable only within one result list. */
  readonly score: number;
  readonly date?: string;
}

/** One source found by a document-level search. */
export interface SourceHit {
  readonly sourceId: SourceId;
  readonly title: string;
  readonly score: number;
}

/** A verbatim quote: `quote === storedText(sourceId).slice(start, end)`. */
export interface Citation extends Span {
  readonly sourceId: SourceId;
  readonly quote: string;
}

/** A sentence of a brief: its text is contained in each citation's quote. */
export interface Statement {
  readonly text: string;
  readonly citations: readonly Citation[];
  /** Set by `brief --verify`: the judge's label for this statement against its own evidence. */
  readonly verdict?: VerdictLabel;
}

export interface BriefSubtopic {
  readonly label: string;
  readonly keyphrases: readonly string[];
  readonly bullets: readonly Statement[];
}

export interface BriefSource {
  readonly id: SourceId;
  /** The number used in `[n]` citation markers, 1-based. */
  readonly n: number;
  readonly title: string;
  readonly location: string;
  readonly date?: string;
}

export interface Gap {
  readonly subtopic: string;
  readonly reason: string;
}

export interface Brief {
  readonly schema: 'kora.brief/v1';
  readonly topic: string;
  readonly title: string;
  readonly executiveSummary: readonly Statement[];
  readonly introduction: readonly Statement[];
  readonly subtopics: readonly BriefSubtopic[];
  readonly conclusion: readonly Statement[];
  readonly tags: readonly string[];
  readonly sources: readonly BriefSource[];
  readonly gaps: readonly Gap[];
}

export type VerdictLabel = 'supported' | 'contradicted' | 'unsupported';

/** The judge's decision on one claim against one piece of evidence. */
export interface Judgement {
  readonly label: VerdictLabel;
  /** Support in [0, 1]: 1 is a verbatim match, 0 nothing in common. */
  readonly score: number;
}

/** A claim found in a draft, with its offsets in the draft. */
export interface Claim extends Span {
  readonly text: string;
}

export interface ClaimReport extends Claim, Judgement {
  readonly evidence: readonly Citation[];
}

export interface VerifyReport {
  readonly schema: 'kora.verify/v1';
  readonly summary: Readonly<Record<VerdictLabel, number>>;
  readonly claims: readonly ClaimReport[];
}
