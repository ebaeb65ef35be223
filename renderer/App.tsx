import { useCallback, useEffect, useState } from 'react';
import type { ProjectInfo } from '../shared/api/project';
import { ArchiveView } from './archive/ArchiveView';
import { BooksView } from './books/BooksView';
import { NameRegistryView } from './names/NameRegistryView';
import { api } from './platform/platform';
import { ProjectScreen } from './shell/ProjectScreen';
import { Sidebar, type View } from './shell/Sidebar';
import { StatusBar } from './shell/StatusBar';
import { StatusProvider } from './shell/status';

export function App() {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [view, setView] = useState<View>('archive');

  useEffect(() => {
    void api.project.current({}).then((p) => {
      setProject(p);
      setLoaded(true);
    });
  }, []);

  const refreshProject = useCallback(() => {
    void api.project.current({}).then(setProject);
  }, []);

  if (!loaded) return null;
  return (
    <StatusProvider>
      <div className="app">
        {project ? (
          <div className="workbench">
            <Sidebar project={project} view={view} onView={setView} onClose={() => void api.project.close({}).then(() => setProject(null))} />
            <main className="main">
              {view === 'archive' ? <ArchiveView onChanged={refreshProject} /> : view === 'books' ? <BooksView onChanged={refreshProject} /> : <NameRegistryView />}
            </main>
          </div>
        ) : (
          <main className="main solo">
            <ProjectScreen onOpen={setProject} />
          </main>
        )}
        <StatusBar project={project} />
      </div>
    </StatusProvider>
  );
}
