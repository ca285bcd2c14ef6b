import { messageOf } from '../../api/problem';
import { Link } from '../../app/router';
import { announceMove, dragFolder, moveInto, useDropTarget, type Dragged } from './dnd';
import { reloadFolders, useFolders, type FolderNode } from './folders';

/** Drops onto `folderId` (null: the top level): moves, then refreshes the tree and the list. */
export async function dropInto(folderId: string | null, dragged: Dragged) {
  try {
    announceMove(await moveInto(folderId, dragged));
    if ('folder' in dragged) await reloadFolders();
  } catch (failure) {
    announceMove(messageOf(failure), true);
  }
}

function FolderItem({ node, current }: { node: FolderNode; current: string | null }) {
  const drop = useDropTarget((dragged) => void dropInto(node.id, dragged));
  return (
    <li>
      <Link
        to={`/?folder=${node.id}`}
        aria-current={current === node.id ? 'page' : undefined}
        draggable
        onDragStart={(event) => dragFolder(event, node.id)}
        className={drop.over ? 'drop-target' : undefined}
        data-folder-id={node.id}
        {...drop.props}
      >
        <span aria-hidden="true">▸ </span>
        {node.name}
      </Link>
      {node.children && node.children.length > 0 && <Branch nodes={node.children} current={current} />}
    </li>
  );
}

function Branch({ nodes, current }: { nodes: FolderNode[]; current: string | null }) {
  return (
    <ul>
      {nodes.map((node) => (
        <FolderItem key={node.id} node={node} current={current} />
      ))}
    </ul>
  );
}

/** The side bar's folders: every one of the caller's, nested; files and folders dropped on one move into it. */
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
