import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import type { Services } from './app/services.tsx';
import { chooseSavePath, deliverExport, getClient, getHostKind, resolveFile } from './client/index.ts';
import './styles/app.css';

const services: Services = {
  client: getClient(),
  files: {
    host: getHostKind(),
    async toSourceFiles(files) {
      // One at a time: the browser host limits concurrent uploads, and a split export can have many parts.
      const out = [];
      for (const file of files) {
        const p = await resolveFile(file);
        out.push({ path: p.path, name: p.name, bytes: p.bytes ?? file.size });
      }
      return out;
    },
    deliverExport,
    chooseSavePath: (defaultName) => chooseSavePath({ title: 'Save the export', defaultName }),
  },
};

createRoot(document.getElementById('root')!).render(<App services={services} />);
