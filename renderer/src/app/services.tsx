/**
 * What every screen needs from outside React: the contract client and the file helpers of the host (Electron
 * or the browser host). Provided once at the root so screens and tests never reach for globals.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Client } from '../../../shared/contract.ts';
import type { ExportResult, ImportResult } from '../../../shared/options.ts';

/** A file the user picked, as the service can read it: a path on the machine that runs the service. */
export interface SourceFile {
  name: string;
  bytes: number;
  path: string;
}

export interface FileHelpers {
  /** Turns dropped or chosen files into paths the service can read (upload in the browser host). */
  toSourceFiles(files: File[]): Promise<SourceFile[]>;
  /** Puts a finished export where the user can reach it (downloads in the browser host); the names delivered. */
  deliverExport(result: ExportResult): Promise<string[]>;
  /** Asks where to save (Electron): a path, null when cancelled, undefined when the host downloads instead. */
  chooseSavePath(defaultName: string): Promise<string | null | undefined>;
  /** Saves an import's rejected records (a save dialog in Electron, a download in the browser host); null when cancelled. */
  saveRejects(result: Pick<ImportResult, 'operationId' | 'rejects'>, defaultName: string): Promise<string | null>;
  /** How this host delivers exports, for the wording of the destination step. */
  host: 'electron' | 'browser';
}

export interface Services {
  client: Client;
  files: FileHelpers;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesProvider is missing');
  return services;
}

export const useClient = (): Client => useServices().client;
