import './zod-jitless.ts';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import type { Services } from './app/services.tsx';
import { chooseSavePath, deliverExport, getClient, getHostKind, resolveFiles, saveRejectedRecords } from './client/index.ts';
import './styles/app.css';

const services: Services = {
  client: getClient(),
  files: {
    host: getHostKind(),
    async toSourceFiles(files) {
      // Together, in one upload: files that belong together (split parts and their manifest) share a folder.
      const picked = await resolveFiles(files);
      return picked.map((p, i) => ({ path: p.path, name: p.name, bytes: p.bytes ?? files[i]?.size ?? 0 }));
    },
    deliverExport,
    chooseSavePath: (defaultName) => chooseSavePath({ title: 'Save the export', defaultName }),
    saveRejects: (result, defaultName) => saveRejectedRecords(result, getClient(), defaultName),
  },
};

createRoot(document.getElementById('root')!).render(<App services={services} />);
