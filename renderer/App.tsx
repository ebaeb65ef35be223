import { useCallback, useEffect, useState } from 'react';
import type { ProjectInfo } from '../shared/api/project';
import { ArchiveView } from './archive/ArchiveView';
import { BooksView } from './books/BooksView';
import { NameRegistryView } from './names/NameRegistryView';
import { ToCollectView } from './archive/ToCollectView';
import { api } from './platform/platform';
import { BackupDialog } from './shell/BackupDialog';
import { ProjectScreen } from './shell/ProjectScreen';
import { QuickOpen } from './shell/QuickOpen';
import { ReadOnlyContext } from './shell/readOnly';
import { Sidebar, type View } from './shell/Sidebar';
import { StatusBar } from './shell/StatusBar';
import { StatusProvider } from './shell/status';
import { HelpLayer } from './help/HelpLayer';

export function App() {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [view, setView] = useState<View>('archive');
  const [quickOpen, setQuickOpen] = useState(false);
  const [backups, setBackups] = useState(false);
  /** Bumped when the project's database was replaced (a restored backup): every view loads afresh. */
  const [generation, setGeneration] = useState(0);
  const [openDocument, setOpenDocument] = useState<{ id: number; seq: number } | null>(null);
  const [openChapter, setOpenChapter] = useState<{ bookId: number; nodeId: number; seq: number } | null>(null);

  // Ctrl+K or Ctrl+P (⌘ on a Mac): quick open, anywhere in a project.
  useEffect(() => {
    if (!project) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key.toLowerCase() === 'k' || e.key.toLowerCase() === 'p')) {
        e.preventDefault();
        setQuickOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [project]);

  useEffect(() => {
    void api.project.current({}).then((p) => {
      setProject(p);
      setLoaded(true);
    });
  }, []);

  const refreshProject = useCallback(() => {
    void api.project.current({}).then(setProject);
  }, []);

  /** Leaves this project for the sample project (made first when missing): every view starts afresh on it. */
  const openSample = useCallback(async () => {
    const sample = await api.project.openSample({});
    setGeneration((g) => g + 1);
    setProject(sample);
  }, []);

  if (!loaded) return null;
  return (
    <StatusProvider>
      <div className="app">
        {project ? (
          <div className="workbench">
            <Sidebar
              project={project}
              view={view}
              onView={(v) => {
                // A quick-open request is done once its view has shown it.
                setOpenDocument(null);
                setOpenChapter(null);
                setView(v);
              }}
              onBackup={() => setBackups(true)}
              onClose={() => void api.project.close({}).then(() => setProject(null))} />
            <main className="main" key={generation}>
              {project.readOnly && (
                <div className="alert read-only-banner" role="status" data-testid="read-only-banner">
                  {project.readOnly.message}
                </div>
              )}
              <ReadOnlyContext.Provider value={project.readOnly !== null}>
              {view === 'archive' ? (
                <ArchiveView onChanged={refreshProject} open={openDocument} />
              ) : view === 'toCollect' ? (
                <ToCollectView
                  onOpenDocument={(id) => {
                    setView('archive');
                    setOpenDocument({ id, seq: Date.now() });
                  }}
                  onOpenChapter={(bookId, nodeId) => {
                    setView('books');
                    setOpenChapter({ bookId, nodeId, seq: Date.now() });
                  }}
                />
              ) : view === 'books' ? (
                <BooksView onChanged={refreshProject} open={openChapter} onOpenSample={openSample} />
              ) : (
                <NameRegistryView onOpenBooks={() => setView('books')} />
              )}
              </ReadOnlyContext.Provider>
              {quickOpen && (
                <QuickOpen
                  onClose={() => setQuickOpen(false)}
                  onDocument={(id) => {
                    setQuickOpen(false);
                    setView('archive');
                    setOpenDocument({ id, seq: Date.now() });
                  }}
                  onChapter={(bookId, nodeId) => {
                    setQuickOpen(false);
                    setView('books');
                    setOpenChapter({ bookId, nodeId, seq: Date.now() });
                  }}
                />
              )}
              {backups && (
                <BackupDialog
                  project={project}
                  onClose={() => setBackups(false)}
                  onRestored={() => {
                    setBackups(false);
                    setGeneration((g) => g + 1);
                    refreshProject();
                  }}
                />
              )}
            </main>
          </div>
        ) : (
          <main className="main solo">
            <ProjectScreen onOpen={setProject} />
          </main>
        )}
        <StatusBar project={project} />
        {/* F1, Ctrl+/ and openHelp(): over the welcome screen and the workbench alike. */}
        <HelpLayer />
      </div>
    </StatusProvider>
  );
}
