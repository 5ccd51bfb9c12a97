/** What a pipeline reports as it goes; the operations layer paces it and fans it out. */
export interface PipelineProgress {
  step: string;
  recordsProcessed: number;
  totalRecords: number | null;
  bytesProcessed: number;
  totalBytes: number | null;
}

export interface PipelineContext {
  signal?: AbortSignal;
  onProgress?: (progress: PipelineProgress) => void;
  /** Set by the operations layer; pipelines run standalone without one. */
  operationId?: string;
}
