export function shareIdenticalChunks(chunksDir: string): () => void;
