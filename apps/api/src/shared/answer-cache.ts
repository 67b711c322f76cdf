import { Injectable, Optional } from '@nestjs/common';
import type { ServingState } from '@crm/read-models';

/**
 * What the answers kept for one read model may weigh together: a count weighs 1, a page the documents
 * it may hold. 10,000 documents of about a kilobyte each, per read model.
 */
const DEFAULT_WEIGHT_PER_COLLECTION = 10_000;

type Kept = { answer: Promise<unknown>; weight: number };
type Held = { collection: string; version: string; answers: Map<string, Kept>; weight: number };

/**
 * Answers computed from a read model (a filtered count, a page of documents, the pipeline), kept
 * under the read model's serving collection and the token of its content (`ReadModels.servingState`),
 * so they are never stale: a batch stored into the collection changes its token, and the first read
 * that sees another token or another collection (after a rebuild) drops every answer of the old one. The token is read before the answer is computed, so an
 * answer never sits under a token older than its content, and a request that saw a newer token (a
 * write it waited for) never gets it.
 *
 * Callers keep nothing that names a person (a searched name, an email, a lead's document): an erased
 * person must leave no trace, and a kept answer would outlive the erasure until the next read.
 * Concurrent requests for one answer share one computation; a failed one is not kept. Answers are
 * shared between requests: nobody may change them.
 */
@Injectable()
export class AnswerCache {
  private readonly held = new Map<string, Held>();

  constructor(@Optional() private readonly weightPerCollection: number = DEFAULT_WEIGHT_PER_COLLECTION) {}

  /** `serving.version` null (a collection nothing was stored into yet): computed, not kept. */
  answer<T>(logical: string, serving: ServingState, key: string, compute: () => Promise<T>, weight = 1): Promise<T> {
    if (serving.version === null || weight > this.weightPerCollection) return compute();
    const held = this.heldFor(logical, serving.collection, serving.version);
    const known = held.answers.get(key);
    if (known !== undefined) {
      // Most recently used last: the oldest answers go first when the collection's are too heavy.
      held.answers.delete(key);
      held.answers.set(key, known);
      return known.answer as Promise<T>;
    }
    const answer = compute();
    this.keep(held, key, { answer, weight });
    answer.catch(() => {
      if (held.answers.get(key)?.answer === answer) this.drop(held, key);
    });
    return answer;
  }

  /** Answers held now, over all read models. */
  get size(): number {
    let size = 0;
    for (const held of this.held.values()) size += held.answers.size;
    return size;
  }

  /** The keys held now, per read model: what a check that no person is kept looks at. */
  keys(): Array<{ logical: string; key: string }> {
    return [...this.held].flatMap(([logical, held]) => [...held.answers.keys()].map((key) => ({ logical, key })));
  }

  private heldFor(logical: string, collection: string, version: string): Held {
    let held = this.held.get(logical);
    if (held === undefined || held.collection !== collection || held.version !== version) {
      held = { collection, version, answers: new Map(), weight: 0 };
      this.held.set(logical, held);
    }
    return held;
  }

  private keep(held: Held, key: string, kept: Kept): void {
    held.answers.set(key, kept);
    held.weight += kept.weight;
    for (const oldest of held.answers.keys()) {
      if (held.weight <= this.weightPerCollection) break;
      this.drop(held, oldest);
    }
  }

  private drop(held: Held, key: string): void {
    const kept = held.answers.get(key);
    if (kept === undefined) return;
    held.answers.delete(key);
    held.weight -= kept.weight;
  }
}
