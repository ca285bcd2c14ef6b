import { Link } from '../../app/router';
import { useFolders, type FolderNode } from './folders';

function Branch({ nodes, current }: { nodes: FolderNode[]; current: string | null }) {
  return (
    <ul>
      {nodes.map((node) => (
        <li key={node.id}>
          <Link to={`/?folder=${node.id}`} aria-current={current === node.id ? 'page' : undefined}>
            <span aria-hidden="true">▸ </span>
            {node.name}
          </Link>
          {node.children && node.children.length > 0 && <Branch nodes={node.children} current={current} />}
        </li>
      ))}
    </ul>
  );
}

/** The side bar's folders: every one of the caller's, nested. */
export function FolderTree({ current }: { current: string | null }) {
  const { tree, error } = useFolders();
  return (
    <section className="folders" aria-labelledby="folders-heading">
      <h2 id="folders-heading">Folders</h2>
      {error && <p className="hint">{error}</p>}
      {tree && tree.length === 0 && <p className="hint">No folders yet.</p>}
      {tree && tree.length > 0 && <Branch nodes={tree} current={current} />}
    </section>
  );
}
