// Approximate nearest-neighbour search over chunk vectors (hnswlib, cosine space).
// hnswlib's file stores neither the dimension nor the space and `readIndex` resets `ef` to 10, so both
// travel in our manifest and `ef` is set again after every load.
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

export class VectorIndex {
  private deleted = 0;

  private constructor(
    private readonly index: Hnsw,
    readonly dim: number,
  ) {}

  static create(dim: number, params: HnswParams, capacity = 1024): VectorIndex {
    const index = new HierarchicalNSW('cosine', dim);
    // Fixed seed: the same corpus gives the same graph on every machine.
    index.initIndex({ maxElements: Math.max(16, capacity), m: params.m, efConstruction: params.efConstruction, randomSeed: 100 });
    index.setEf(params.efSearch);
    return new VectorIndex(index, dim);
  }

  static load(file: string, dim: number, efSearch: number, deleted = 0): VectorIndex {
    const index = new HierarchicalNSW('cosine', dim);
    index.readIndexSync(file);
    return VectorIndex.loaded(index, dim, efSearch, deleted);
  }

  /** Like `load`, reading the file on a worker thread. */
  static async loadAsync(file: string, dim: number, efSearch: number, deleted = 0): Promise<VectorIndex> {
    const index = new HierarchicalNSW('cosine', dim);
    await index.readIndex(file);
    return VectorIndex.loaded(index, dim, efSearch, deleted);
  }

  private static loaded(index: Hnsw, dim: number, efSearch: number, deleted: number): VectorIndex {
    index.setEf(efSearch);
    const v = new VectorIndex(index, dim);
    v.deleted = deleted;
    return v;
  }

  /** Live (not deleted) vectors. */
  get size(): number {
    return this.index.getCurrentCount() - this.deleted;
  }

  get deletedCount(): number {
    return this.deleted;
  }

  add(id: number, vector: Float32Array | number[]): void {
    if (vector.length !== this.dim) throw new Error(`vector has ${vector.length} dimensions, index has ${this.dim}`);
    if (this.index.getCurrentCount() >= this.index.getMaxElements()) {
      this.index.resizeIndex(Math.ceil(this.index.getMaxElements() * 1.5) + 16);
    }
    this.index.addPoint(Array.from(vector), id);
  }

  remove(id: number): void {
    this.index.markDelete(id);
    this.deleted++;
  }

  vector(id: number): number[] {
    return this.index.getPoint(id);
  }

  search(vector: Float32Array | number[], k: number): VectorHit[] {
    const n = Math.min(k, this.size);
    if (n <= 0) return [];
    const { neighbors, distances } = this.index.searchKnn(Array.from(vector), n);
    return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
  }

  setEf(ef: number): void {
    this.index.setEf(ef);
  }

  save(file: string): void {
    this.index.writeIndexSync(file);
  }
}
