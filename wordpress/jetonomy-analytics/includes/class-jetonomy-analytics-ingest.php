<?php
/**
 * Ingest: the PHP twin of src/engine/store.ts (state rules) and
 * src/engine/aggregator.ts (rollup deltas), batch-oriented for MariaDB.
 *
 * One batch = one transaction under a named lock. The batch's entity rows,
 * seen ids and held events are read in a few IN (...) queries, the events
 * are applied in PHP exactly as the engine's store applies them (same order
 * of reference checks, same hold/release stack), then every changed row is
 * written back with multi-row INSERT … ON DUPLICATE KEY UPDATE, and the
 * rollups receive the deltas (new contribution − recorded contribution) of
 * every entity whose state changed.
 *
 * @package Jetonomy_Analytics
 */

defined( 'ABSPATH' ) || exit;

/**
 * Applies event batches to the state tables and the rollups.
 */
class Jetonomy_Analytics_Ingest {

	const K_MEMBER  = 0;
	const K_SPACE   = 1;
	const K_CONTENT = 2;
	const K_FLAG    = 3;

	const STATUS = array(
		'published' => 1,
		'pending'   => 2,
		'trash'     => 3,
		'spam'      => 4,
	);

	const BIT_REPLY    = 1;
	const BIT_QUESTION = 2;
	const BIT_RESOLVED = 4;

	/** Largest batch accepted. */
	const MAX_BATCH = 20000;

	/**
	 * Rows per multi-row statement, and ids per IN list. Fewer, larger
	 * statements: at 1 000 rows a batch of 5 000 events spent a third more
	 * time in the database than at 5 000.
	 */
	const CHUNK = 5000;

	/**
	 * Bytes of values after which a multi-row INSERT is sent before it has
	 * CHUNK rows: well under the smallest common `max_allowed_packet`
	 * (4 MiB in MySQL 5.7, 16 MiB in MariaDB and MySQL 8).
	 */
	const STATEMENT_BYTES = 1048576;

	/**
	 * Columns of each state table, in write order, and which of them are integers.
	 *
	 * @var array<string, array<string, string>>
	 */
	const COLUMNS = array(
		'members'  => array(
			'id'           => 's',
			'joined_at'    => 'd',
			'join_eid'     => 's',
			'joined_day'   => 'D',
			'display_name' => 's',
			'name_at'      => 'd',
			'name_eid'     => 's',
			'avatar_url'   => 's',
			'avatar_at'    => 'd',
			'avatar_eid'   => 's',
			'trust_level'  => 'd',
			'trust_at'     => 'd',
			'trust_eid'    => 's',
			'agg_gen'      => 'd',
			'agg_day'      => 'D',
		),
		'spaces'   => array(
			'id'         => 's',
			'name'       => 's',
			'kind'       => 'd',
			'created_at' => 'd',
			'create_eid' => 's',
		),
		'content'  => array(
			'id'          => 's',
			'kind'        => 'd',
			'space_id'    => 's',
			'author_id'   => 's',
			'parent_id'   => 's',
			'created_at'  => 'd',
			'create_eid'  => 's',
			'created_day' => 'D',
			'status'      => 'd',
			'status_at'   => 'd',
			'status_eid'  => 's',
			'agg_gen'     => 'd',
			'agg_day'     => 'D',
			'agg_bits'    => 'd',
			'agg_space'   => 's',
			'agg_author'  => 's',
		),
		'votes'    => array(
			'id'           => 's',
			'is_cast'      => 'd',
			'is_retracted' => 'd',
			'content_id'   => 's',
			'voter_id'     => 's',
			'value'        => 'd',
			'cast_at'      => 'd',
			'cast_eid'     => 's',
			'cast_day'     => 'D',
			'agg_gen'      => 'd',
			'agg_day'      => 'D',
			'agg_up'       => 'd',
			'agg_voter'    => 's',
		),
		'accepted' => array(
			'question_id'  => 's',
			'answer_id'    => 's',
			'decided_at'   => 'd',
			'decided_eid'  => 's',
			'accepted_day' => 'D',
			'agg_gen'      => 'd',
			'agg_day'      => 'D',
			'agg_member'   => 's',
		),
		'flags'    => array(
			'id'          => 's',
			'content_id'  => 's',
			'reporter_id' => 's',
			'raised_at'   => 'd',
			'raise_eid'   => 's',
			'raised_day'  => 'D',
			'resolved_at' => 'd',
			'resolve_eid' => 's',
			'resolution'  => 's',
			'agg_gen'     => 'd',
			'agg_day'     => 'D',
			'agg_open'    => 'd',
		),
	);

	/**
	 * Day bucketer of the site zone.
	 *
	 * @var Jetonomy_Analytics_Dates
	 */
	private $dates;

	/**
	 * Cached rows per state table: id => row, or false when known not to exist.
	 *
	 * @var array<string, array<string, array|false>>
	 */
	private $rows = array();

	/**
	 * Rows to write back: table => id => true.
	 *
	 * @var array<string, array<string, bool>>
	 */
	private $dirty = array();

	/**
	 * Held events waiting per entity kind and id (lists of items).
	 *
	 * @var array<int, array<string, array>>
	 */
	private $waiting = array( array(), array(), array(), array() );

	/**
	 * Which (kind, id) had their stored held events loaded.
	 *
	 * @var array<int, array<string, bool>>
	 */
	private $held_loaded = array( array(), array(), array(), array() );

	/**
	 * Whether the held table had rows at batch start.
	 *
	 * @var bool
	 */
	private $held_in_db = false;

	/**
	 * Stored held rows released in this batch (their seq), to delete.
	 *
	 * @var int[]
	 */
	private $held_delete = array();

	/**
	 * New automod rows.
	 *
	 * @var array[]
	 */
	private $automod = array();

	/**
	 * Aggregator work: what changed, per listener call of the engine.
	 *
	 * @var array<string, array<string, bool>>
	 */
	private $changed = array(
		'content'   => array(),
		'accepted'  => array(),
		'votes'     => array(),
		'flags'     => array(),
		'members'   => array(),
		'redefined' => array(),
		'spaces'    => array(),
	);

	/**
	 * Ingests a batch of events (arrays with snake_case keys, or stdClass objects).
	 *
	 * @param array $events The events.
	 * @return array{applied:int,duplicates:int,held:int,released:int,rejected:array}
	 */
	public static function ingest( array $events ) {
		$batch = new self();
		return $batch->run( array_values( $events ) );
	}

	/**
	 * Recounts entities whose recorded contribution was cleared (agg_gen = -1) into the rollups.
	 *
	 * @param string   $table Short table name (accepted, content, votes, flags, members).
	 * @param string[] $ids   Ids.
	 */
	public static function recount( $table, array $ids ) {
		$batch = new self();
		$ids   = array_map( 'strval', $ids );
		$batch->load( $table, $ids );
		foreach ( $ids as $id ) {
			$batch->changed[ $table ][ $id ] = true;
		}
		$batch->aggregate();
		$batch->write( array() );
	}

	/**
	 * Constructor.
	 */
	private function __construct() {
		$this->dates = new Jetonomy_Analytics_Dates( Jetonomy_Analytics_Dates::site_zone() );
		foreach ( array_keys( self::COLUMNS ) as $table ) {
			$this->rows[ $table ]  = array();
			$this->dirty[ $table ] = array();
		}
	}

	/**
	 * Code-unit order of two strings (JavaScript's `<`), -1, 0 or 1.
	 *
	 * @param string $a First.
	 * @param string $b Second.
	 * @return int
	 */
	public static function js_compare( $a, $b ) {
		if ( $a === $b ) {
			return 0;
		}
		if ( preg_match( '/[\xf0-\xf4]/', $a . $b ) ) {
			// Astral characters: UTF-8 byte order is code-point order, JavaScript's is UTF-16 code-unit order.
			$a = mb_convert_encoding( $a, 'UTF-16BE', 'UTF-8' );
			$b = mb_convert_encoding( $b, 'UTF-16BE', 'UTF-8' );
		}
		return strcmp( $a, $b ) <=> 0;
	}

	/**
	 * Is (at, id) newer than (cur_at, cur_id)? No current means yes.
	 *
	 * @param int         $at     At.
	 * @param string      $id     Event id.
	 * @param int|null    $cur_at Current at.
	 * @param string|null $cur_id Current event id.
	 * @return bool
	 */
	private static function is_newer( $at, $id, $cur_at, $cur_id ) {
		return null === $cur_id || $at > $cur_at || ( $at === $cur_at && strcmp( $id, $cur_id ) !== 0 && self::js_compare( $id, $cur_id ) > 0 );
	}

	/**
	 * Is (at, id) older than (cur_at, cur_id)? No current means yes.
	 *
	 * @param int         $at     At.
	 * @param string      $id     Event id.
	 * @param int|null    $cur_at Current at.
	 * @param string|null $cur_id Current event id.
	 * @return bool
	 */
	private static function is_older( $at, $id, $cur_at, $cur_id ) {
		return null === $cur_id || $at < $cur_at || ( $at === $cur_at && strcmp( $id, $cur_id ) !== 0 && self::js_compare( $id, $cur_id ) < 0 );
	}

	/**
	 * The batch.
	 *
	 * @param array $events Events.
	 * @return array
	 */
	private function run( array $events ) {
		global $wpdb;
		$rejected = array();
		$valid    = array();
		foreach ( $events as $index => $raw ) {
			if ( $raw instanceof stdClass ) {
				$raw = (array) $raw;
			}
			$problem = Jetonomy_Analytics_Validator::problem( $raw );
			if ( null !== $problem ) {
				$item = array( 'index' => $index );
				if ( is_array( $raw ) && isset( $raw['id'] ) && is_string( $raw['id'] ) && '' !== $raw['id'] ) {
					$item['id'] = $raw['id'];
				}
				$item['reason'] = $problem;
				$rejected[]     = $item;
				continue;
			}
			$raw['at']        = (int) $raw['at'];
			$valid[ $index ] = $raw;
		}
		$counts = array(
			'applied'    => 0,
			'duplicates' => 0,
			'held'       => 0,
			'released'   => 0,
		);
		if ( ! $valid ) {
			return $counts + array( 'rejected' => $rejected );
		}

		$wpdb->query( "SELECT GET_LOCK('jetonomy_analytics_ingest', 60)" );
		$wpdb->query( 'START TRANSACTION' );
		try {
			Jetonomy_Analytics_Aggregator::check_zone();

			// Idempotency: the ids seen before, in one query per chunk.
			$hashes = array();
			foreach ( $valid as $index => $e ) {
				$hashes[ $index ] = md5( $e['id'], true );
			}
			$known = $this->known_hashes( array_values( $hashes ) );
			$new   = array();
			$fresh = array();
			foreach ( $valid as $index => $e ) {
				$h = $hashes[ $index ];
				if ( isset( $known[ $h ] ) || isset( $fresh[ $h ] ) ) {
					++$counts['duplicates'];
					continue;
				}
				$fresh[ $h ]   = true;
				$new[ $index ] = $e;
			}

			$this->prefetch( $new );

			foreach ( $new as $e ) {
				$queue = array();
				if ( $this->apply( $e, $queue ) ) {
					++$counts['applied'];
				} else {
					$this->hold_pending( $e, true );
					++$counts['held'];
				}
				while ( $queue ) {
					$held = array_pop( $queue );
					if ( null !== $held['seq'] ) {
						$this->held_delete[] = $held['seq'];
					}
					if ( $this->apply( $held['event'], $queue ) ) {
						if ( $held['this_batch'] ) {
							--$counts['held'];
							++$counts['applied'];
						} else {
							++$counts['released'];
						}
					} else {
						$this->hold_pending( $held['event'], $held['this_batch'] );
					}
				}
			}

			if ( Jetonomy_Analytics_Aggregator::is_running() ) {
				$this->aggregate();
			}
			$this->write( array_keys( $fresh ) );
			$wpdb->query( 'COMMIT' );
		} catch ( Throwable $error ) {
			$wpdb->query( 'ROLLBACK' );
			$wpdb->query( "SELECT RELEASE_LOCK('jetonomy_analytics_ingest')" );
			throw $error;
		}
		$wpdb->query( "SELECT RELEASE_LOCK('jetonomy_analytics_ingest')" );
		return $counts + array( 'rejected' => $rejected );
	}

	/**
	 * Which of these id hashes were accepted before.
	 *
	 * @param string[] $hashes Binary md5 hashes.
	 * @return array<string, bool>
	 */
	private function known_hashes( array $hashes ) {
		global $wpdb;
		$known = array();
		$table = Jetonomy_Analytics_Schema::table( 'seen' );
		foreach ( array_chunk( $hashes, self::CHUNK ) as $chunk ) {
			// The hashes are the plugin's own md5 output, written as hex literals (see insert_rows()).
			$literals = implode( ',', array_map( array( self::class, 'hex_literal' ), $chunk ) );
			foreach ( $wpdb->get_col( "SELECT id_hash FROM $table WHERE id_hash IN ($literals)" ) as $h ) { // phpcs:ignore WordPress.DB
				$known[ $h ] = true;
			}
		}
		return $known;
	}

	/**
	 * Loads the rows of every entity the batch names, and the held events that wait for entities the batch creates.
	 *
	 * @param array $events The new, valid events.
	 */
	private function prefetch( array $events ) {
		global $wpdb;
		$want    = array(
			'members'  => array(),
			'spaces'   => array(),
			'content'  => array(),
			'votes'    => array(),
			'flags'    => array(),
			'accepted' => array(),
		);
		$creates = array( array(), array(), array(), array() );
		foreach ( $events as $e ) {
			foreach ( array( 'member_id', 'author_id', 'voter_id', 'reporter_id' ) as $f ) {
				if ( isset( $e[ $f ] ) && is_string( $e[ $f ] ) ) {
					$want['members'][ $e[ $f ] ] = true;
				}
			}
			foreach ( array( 'content_id', 'parent_id', 'question_id', 'answer_id' ) as $f ) {
				if ( isset( $e[ $f ] ) && is_string( $e[ $f ] ) ) {
					$want['content'][ $e[ $f ] ] = true;
				}
			}
			if ( isset( $e['space_id'] ) ) {
				$want['spaces'][ $e['space_id'] ] = true;
			}
			if ( isset( $e['vote_id'] ) ) {
				$want['votes'][ $e['vote_id'] ] = true;
			}
			if ( isset( $e['flag_id'] ) ) {
				$want['flags'][ $e['flag_id'] ] = true;
			}
			if ( isset( $e['question_id'] ) ) {
				$want['accepted'][ $e['question_id'] ] = true;
			}
			switch ( $e['type'] ) {
				case 'member.joined':
					$creates[ self::K_MEMBER ][ $e['member_id'] ] = true;
					break;
				case 'space.created':
					$creates[ self::K_SPACE ][ $e['space_id'] ] = true;
					break;
				case 'content.created':
					$creates[ self::K_CONTENT ][ $e['content_id'] ] = true;
					break;
				case 'flag.raised':
					$creates[ self::K_FLAG ][ $e['flag_id'] ] = true;
					break;
			}
		}
		foreach ( $want as $table => $ids ) {
			$this->load( $table, array_keys( $ids ) );
		}
		$held_table       = Jetonomy_Analytics_Schema::table( 'held' );
		$this->held_in_db = (bool) $wpdb->get_var( "SELECT EXISTS (SELECT 1 FROM $held_table)" ); // phpcs:ignore WordPress.DB
		if ( $this->held_in_db ) {
			foreach ( $creates as $kind => $ids ) {
				$this->load_held( $kind, array_keys( $ids ) );
			}
		}
	}

	/**
	 * Loads rows of a state table into the cache (ids not found are cached as false).
	 *
	 * @param string   $table Short table name.
	 * @param string[] $ids   Ids.
	 */
	private function load( $table, array $ids ) {
		global $wpdb;
		$missing = array();
		foreach ( $ids as $id ) {
			$id = (string) $id;
			if ( ! array_key_exists( $id, $this->rows[ $table ] ) ) {
				$missing[] = $id;
			}
		}
		if ( ! $missing ) {
			return;
		}
		$key  = 'accepted' === $table ? 'question_id' : 'id';
		$name = Jetonomy_Analytics_Schema::table( $table );
		foreach ( array_chunk( $missing, self::CHUNK ) as $chunk ) {
			$sql = $wpdb->prepare( "SELECT * FROM $name WHERE $key IN (" . implode( ',', array_fill( 0, count( $chunk ), '%s' ) ) . ')', $chunk ); // phpcs:ignore WordPress.DB
			foreach ( $chunk as $id ) {
				$this->rows[ $table ][ $id ] = false;
			}
			foreach ( (array) $wpdb->get_results( $sql, ARRAY_A ) as $row ) { // phpcs:ignore WordPress.DB
				$this->rows[ $table ][ (string) $row[ $key ] ] = self::typed( $table, $row );
			}
		}
	}

	/**
	 * Casts a row read from the database (integers as int, NULL kept).
	 *
	 * @param string $table Table.
	 * @param array  $row   Row.
	 * @return array
	 */
	private static function typed( $table, array $row ) {
		foreach ( self::COLUMNS[ $table ] as $col => $type ) {
			if ( 'd' === $type && null !== $row[ $col ] ) {
				$row[ $col ] = (int) $row[ $col ];
			}
		}
		return $row;
	}

	/**
	 * A cached row (loaded on demand), or null.
	 *
	 * @param string $table Table.
	 * @param string $id    Id.
	 * @return array|null
	 */
	private function row( $table, $id ) {
		if ( ! array_key_exists( $id, $this->rows[ $table ] ) ) {
			$this->load( $table, array( $id ) );
		}
		$row = $this->rows[ $table ][ $id ];
		return false === $row ? null : $row;
	}

	/**
	 * Stores a changed row in the cache and marks it for writing.
	 *
	 * @param string $table Table.
	 * @param string $id    Id.
	 * @param array  $row   Row.
	 */
	private function put( $table, $id, array $row ) {
		$this->rows[ $table ][ $id ]  = $row;
		$this->dirty[ $table ][ $id ] = true;
	}

	/**
	 * Loads the stored held events waiting for these entities.
	 *
	 * @param int      $kind Entity kind.
	 * @param string[] $ids  Ids.
	 */
	private function load_held( $kind, array $ids ) {
		global $wpdb;
		$need = array();
		foreach ( $ids as $id ) {
			$id = (string) $id;
			if ( ! isset( $this->held_loaded[ $kind ][ $id ] ) ) {
				$this->held_loaded[ $kind ][ $id ] = true;
				$need[]                            = $id;
			}
		}
		if ( ! $need || ! $this->held_in_db ) {
			return;
		}
		$table = Jetonomy_Analytics_Schema::table( 'held' );
		$found = array();
		foreach ( array_chunk( $need, self::CHUNK ) as $chunk ) {
			$sql = $wpdb->prepare( "SELECT seq, wait_id, body FROM $table WHERE wait_kind = %d AND wait_id IN (" . implode( ',', array_fill( 0, count( $chunk ), '%s' ) ) . ') ORDER BY seq', array_merge( array( $kind ), $chunk ) ); // phpcs:ignore WordPress.DB
			foreach ( (array) $wpdb->get_results( $sql, ARRAY_A ) as $row ) { // phpcs:ignore WordPress.DB
				$found[ (string) $row['wait_id'] ][] = array(
					'seq'        => (int) $row['seq'],
					'event'      => json_decode( $row['body'], true ),
					'this_batch' => false,
				);
			}
		}
		foreach ( $found as $id => $list ) {
			// Stored ones were held before anything this batch holds: they come first.
			$this->waiting[ $kind ][ $id ] = array_merge( $list, $this->waiting[ $kind ][ $id ] ?? array() );
		}
	}

	/**
	 * The entity an event waits for, set by apply() when it returns false.
	 *
	 * @var array{0:int,1:string}|null
	 */
	private $wait_for = null;

	/**
	 * Records that an event waits (apply() returned false and set wait_for).
	 *
	 * @param array $event      Event.
	 * @param bool  $this_batch Whether it was first held by this batch.
	 */
	private function hold_pending( array $event, $this_batch ) {
		list( $kind, $id ) = $this->wait_for;
		if ( ! isset( $this->held_loaded[ $kind ][ $id ] ) ) {
			$this->load_held( $kind, array( $id ) );
		}
		$this->waiting[ $kind ][ $id ][] = array(
			'seq'        => null,
			'event'      => $event,
			'this_batch' => $this_batch,
		);
	}

	/**
	 * Marks the entity the event waits for; returns false (held).
	 *
	 * @param int    $kind Kind.
	 * @param string $id   Id.
	 * @return false
	 */
	private function hold( $kind, $id ) {
		$this->wait_for = array( $kind, $id );
		return false;
	}

	/**
	 * Pushes what waited for a new entity onto the queue (the store's stack order).
	 *
	 * @param int    $kind  Kind.
	 * @param string $id    Id.
	 * @param array  $queue The queue.
	 */
	private function release( $kind, $id, array &$queue ) {
		if ( ! isset( $this->held_loaded[ $kind ][ $id ] ) ) {
			$this->load_held( $kind, array( $id ) );
		}
		if ( empty( $this->waiting[ $kind ][ $id ] ) ) {
			return;
		}
		$list = $this->waiting[ $kind ][ $id ];
		unset( $this->waiting[ $kind ][ $id ] );
		for ( $i = count( $list ) - 1; $i >= 0; $i-- ) {
			$queue[] = $list[ $i ];
		}
	}

	/**
	 * Applies one valid, new event; false when it must wait (wait_for says for what).
	 *
	 * @param array $e     Event.
	 * @param array $queue Release queue.
	 * @return bool
	 */
	private function apply( array $e, array &$queue ) {
		$at = $e['at'];
		$id = $e['id'];
		switch ( $e['type'] ) {
			case 'member.joined':
				return $this->member_joined( $e, $queue );

			case 'member.updated':
				$m = $this->row( 'members', $e['member_id'] );
				if ( null === $m ) {
					return $this->hold( self::K_MEMBER, $e['member_id'] );
				}
				$m = $this->member_fields( $m, $e );
				$this->put( 'members', $e['member_id'], $m );
				return true;

			case 'space.created':
				return $this->space_created( $e, $queue );

			case 'content.created':
				return $this->content_created( $e, $queue );

			case 'content.status_changed':
				$c = $this->row( 'content', $e['content_id'] );
				if ( null === $c ) {
					return $this->hold( self::K_CONTENT, $e['content_id'] );
				}
				if ( self::is_newer( $at, $id, $c['status_at'], $c['status_eid'] ) ) {
					$c['status']     = self::STATUS[ $e['status'] ];
					$c['status_at']  = $at;
					$c['status_eid'] = $id;
					$this->put( 'content', $e['content_id'], $c );
					$this->changed['content'][ $e['content_id'] ] = true;
				}
				return true;

			case 'vote.cast':
				if ( null === $this->row( 'content', $e['content_id'] ) ) {
					return $this->hold( self::K_CONTENT, $e['content_id'] );
				}
				if ( null === $this->row( 'members', $e['voter_id'] ) ) {
					return $this->hold( self::K_MEMBER, $e['voter_id'] );
				}
				$v = $this->row( 'votes', $e['vote_id'] ) ?? self::empty_vote( $e['vote_id'] );
				if ( 0 === $v['is_cast'] || self::is_older( $at, $id, $v['cast_at'], $v['cast_eid'] ) ) {
					$v['is_cast']    = 1;
					$v['content_id'] = $e['content_id'];
					$v['voter_id']   = $e['voter_id'];
					$v['value']      = (int) $e['value'];
					$v['cast_at']    = $at;
					$v['cast_eid']   = $id;
					$v['cast_day']   = $this->dates->date_of( $at );
					$this->put( 'votes', $e['vote_id'], $v );
					$this->changed['votes'][ $e['vote_id'] ] = true;
				}
				return true;

			case 'vote.retracted':
				$v = $this->row( 'votes', $e['vote_id'] ) ?? self::empty_vote( $e['vote_id'] );
				if ( 0 === $v['is_retracted'] ) {
					$v['is_retracted'] = 1;
					$this->put( 'votes', $e['vote_id'], $v );
					$this->changed['votes'][ $e['vote_id'] ] = true;
				}
				return true;

			case 'answer.accepted':
			case 'answer.unaccepted':
				if ( null === $this->row( 'content', $e['question_id'] ) ) {
					return $this->hold( self::K_CONTENT, $e['question_id'] );
				}
				$answer = null;
				if ( 'answer.accepted' === $e['type'] ) {
					if ( null === $this->row( 'content', $e['answer_id'] ) ) {
						return $this->hold( self::K_CONTENT, $e['answer_id'] );
					}
					$answer = $e['answer_id'];
				}
				$a = $this->row( 'accepted', $e['question_id'] );
				if ( null === $a || self::is_newer( $at, $id, $a['decided_at'], $a['decided_eid'] ) ) {
					$a                 = $a ?? array(
						'question_id' => $e['question_id'],
						'agg_gen'     => 0,
						'agg_day'     => null,
						'agg_member'  => null,
					);
					$a['answer_id']    = $answer;
					$a['decided_at']   = $at;
					$a['decided_eid']  = $id;
					$a['accepted_day'] = $this->dates->date_of( $at );
					$this->put( 'accepted', $e['question_id'], $a );
					$this->changed['accepted'][ $e['question_id'] ] = true;
				}
				return true;

			case 'flag.raised':
				if ( null === $this->row( 'content', $e['content_id'] ) ) {
					return $this->hold( self::K_CONTENT, $e['content_id'] );
				}
				if ( null === $this->row( 'members', $e['reporter_id'] ) ) {
					return $this->hold( self::K_MEMBER, $e['reporter_id'] );
				}
				$f      = $this->row( 'flags', $e['flag_id'] );
				$is_new = null === $f;
				if ( $is_new || self::is_older( $at, $id, $f['raised_at'], $f['raise_eid'] ) ) {
					$f                = $f ?? array(
						'id'          => $e['flag_id'],
						'resolved_at' => null,
						'resolve_eid' => null,
						'resolution'  => null,
						'agg_gen'     => 0,
						'agg_day'     => null,
						'agg_open'    => 0,
					);
					$f['content_id']  = $e['content_id'];
					$f['reporter_id'] = $e['reporter_id'];
					$f['raised_at']   = $at;
					$f['raise_eid']   = $id;
					$f['raised_day']  = $this->dates->date_of( $at );
					$this->put( 'flags', $e['flag_id'], $f );
					$this->changed['flags'][ $e['flag_id'] ] = true;
				}
				if ( $is_new ) {
					$this->release( self::K_FLAG, $e['flag_id'], $queue );
				}
				return true;

			case 'flag.resolved':
				$f = $this->row( 'flags', $e['flag_id'] );
				if ( null === $f ) {
					return $this->hold( self::K_FLAG, $e['flag_id'] );
				}
				if ( self::is_newer( $at, $id, $f['resolved_at'], $f['resolve_eid'] ) ) {
					$f['resolved_at'] = $at;
					$f['resolve_eid'] = $id;
					$f['resolution']  = $e['resolution'] ?? null;
					$this->put( 'flags', $e['flag_id'], $f );
					$this->changed['flags'][ $e['flag_id'] ] = true;
				}
				return true;

			case 'automod.triggered':
				if ( null === $this->row( 'content', $e['content_id'] ) ) {
					return $this->hold( self::K_CONTENT, $e['content_id'] );
				}
				$this->automod[] = array(
					'rule_id'    => $e['rule_id'],
					'content_id' => $e['content_id'],
					'at'         => $at,
					'day'        => $this->dates->date_of( $at ),
					'agg_gen'    => 0,
				);
				return true;
		}
		return true;
	}

	/**
	 * A vote row before any cast or retraction.
	 *
	 * @param string $id Vote id.
	 * @return array
	 */
	private static function empty_vote( $id ) {
		return array(
			'id'           => $id,
			'is_cast'      => 0,
			'is_retracted' => 0,
			'content_id'   => null,
			'voter_id'     => null,
			'value'        => 0,
			'cast_at'      => null,
			'cast_eid'     => null,
			'cast_day'     => null,
			'agg_gen'      => 0,
			'agg_day'      => null,
			'agg_up'       => 0,
			'agg_voter'    => null,
		);
	}

	/**
	 * Member joined.
	 *
	 * @param array $e     Event.
	 * @param array $queue Queue.
	 * @return bool
	 */
	private function member_joined( array $e, array &$queue ) {
		$mid    = $e['member_id'];
		$m      = $this->row( 'members', $mid );
		$is_new = null === $m;
		if ( $is_new ) {
			$m = array(
				'id'           => $mid,
				'joined_at'    => null,
				'join_eid'     => null,
				'joined_day'   => null,
				'display_name' => $mid,
				'name_at'      => null,
				'name_eid'     => null,
				'avatar_url'   => null,
				'avatar_at'    => null,
				'avatar_eid'   => null,
				'trust_level'  => 0,
				'trust_at'     => null,
				'trust_eid'    => null,
				'agg_gen'      => 0,
				'agg_day'      => null,
			);
		}
		if ( $is_new || self::is_older( $e['at'], $e['id'], $m['joined_at'], $m['join_eid'] ) ) {
			$m['joined_at']  = $e['at'];
			$m['joined_day'] = $this->dates->date_of( $e['at'] );
			$m['join_eid']   = $e['id'];
		}
		$m = $this->member_fields( $m, $e );
		$this->put( 'members', $mid, $m );
		$this->changed['members'][ $mid ] = true;
		if ( $is_new ) {
			$this->release( self::K_MEMBER, $mid, $queue );
		}
		return true;
	}

	/**
	 * Newest-wins member fields.
	 *
	 * @param array $m Member row.
	 * @param array $e Event.
	 * @return array
	 */
	private function member_fields( array $m, array $e ) {
		$at = $e['at'];
		$id = $e['id'];
		if ( array_key_exists( 'display_name', $e ) && self::is_newer( $at, $id, $m['name_at'], $m['name_eid'] ) ) {
			$m['display_name'] = $e['display_name'];
			$m['name_at']      = $at;
			$m['name_eid']     = $id;
		}
		if ( array_key_exists( 'avatar_url', $e ) && self::is_newer( $at, $id, $m['avatar_at'], $m['avatar_eid'] ) ) {
			$m['avatar_url'] = $e['avatar_url'];
			$m['avatar_at']  = $at;
			$m['avatar_eid'] = $id;
		}
		if ( array_key_exists( 'trust_level', $e ) && self::is_newer( $at, $id, $m['trust_at'], $m['trust_eid'] ) ) {
			$m['trust_level'] = (int) $e['trust_level'];
			$m['trust_at']    = $at;
			$m['trust_eid']   = $id;
		}
		return $m;
	}

	/**
	 * Space created.
	 *
	 * @param array $e     Event.
	 * @param array $queue Queue.
	 * @return bool
	 */
	private function space_created( array $e, array &$queue ) {
		$sid    = $e['space_id'];
		$s      = $this->row( 'spaces', $sid );
		$is_new = null === $s;
		if ( $is_new || self::is_older( $e['at'], $e['id'], $s['created_at'], $s['create_eid'] ) ) {
			$kind = 'qa' === $e['kind'] ? 1 : 0;
			if ( ! $is_new && $s['kind'] !== $kind ) {
				$this->changed['spaces'][ $sid ] = true;
			}
			$this->put(
				'spaces',
				$sid,
				array(
					'id'         => $sid,
					'name'       => $e['name'],
					'kind'       => $kind,
					'created_at' => $e['at'],
					'create_eid' => $e['id'],
				)
			);
		}
		if ( $is_new ) {
			$this->release( self::K_SPACE, $sid, $queue );
		}
		return true;
	}

	/**
	 * Content created.
	 *
	 * @param array $e     Event.
	 * @param array $queue Queue.
	 * @return bool
	 */
	private function content_created( array $e, array &$queue ) {
		if ( null === $this->row( 'spaces', $e['space_id'] ) ) {
			return $this->hold( self::K_SPACE, $e['space_id'] );
		}
		if ( null === $this->row( 'members', $e['author_id'] ) ) {
			return $this->hold( self::K_MEMBER, $e['author_id'] );
		}
		$parent = null;
		if ( isset( $e['parent_id'] ) ) {
			if ( null === $this->row( 'content', $e['parent_id'] ) ) {
				return $this->hold( self::K_CONTENT, $e['parent_id'] );
			}
			$parent = $e['parent_id'];
		}
		$cid     = $e['content_id'];
		$c       = $this->row( 'content', $cid );
		$is_new  = null === $c;
		$changed = false;
		if ( $is_new ) {
			$c = array(
				'id'         => $cid,
				'status'     => 0,
				'status_at'  => null,
				'status_eid' => null,
				'agg_gen'    => 0,
				'agg_day'    => null,
				'agg_bits'   => 0,
				'agg_space'  => null,
				'agg_author' => null,
			);
		}
		if ( $is_new || self::is_older( $e['at'], $e['id'], $c['created_at'], $c['create_eid'] ) ) {
			if ( ! $is_new ) {
				$this->changed['redefined'][ $cid ] = true;
			}
			$c['kind']        = 'reply' === $e['kind'] ? 1 : 0;
			$c['space_id']    = $e['space_id'];
			$c['author_id']   = $e['author_id'];
			$c['parent_id']   = $parent;
			$c['created_at']  = $e['at'];
			$c['create_eid']  = $e['id'];
			$c['created_day'] = $this->dates->date_of( $e['at'] );
			$changed          = true;
		}
		if ( self::is_newer( $e['at'], $e['id'], $c['status_at'], $c['status_eid'] ) ) {
			$c['status']     = self::STATUS[ $e['status'] ];
			$c['status_at']  = $e['at'];
			$c['status_eid'] = $e['id'];
			$changed         = true;
		}
		if ( $changed ) {
			$this->put( 'content', $cid, $c );
			$this->changed['content'][ $cid ] = true;
		}
		if ( $is_new ) {
			$this->release( self::K_CONTENT, $cid, $queue );
		}
		return true;
	}

	// ---- The aggregator: rollup deltas from the batch's changes ----

	/**
	 * Rollup deltas accumulated in this batch.
	 *
	 * @var array<string, array>
	 */
	private $delta = array(
		'daily'        => array(),
		'member_day'   => array(),
		'space_day'    => array(),
		'space_author' => array(),
		'response_set' => array(),
		'response_del' => array(),
	);

	/**
	 * Adds to a daily counter.
	 *
	 * @param string $day Day.
	 * @param string $col Column.
	 * @param int    $n   Delta.
	 */
	private function daily( $day, $col, $n ) {
		$this->delta['daily'][ $day ][ $col ] = ( $this->delta['daily'][ $day ][ $col ] ?? 0 ) + $n;
	}

	/**
	 * Adds to a member-day counter.
	 *
	 * @param string $day    Day.
	 * @param string $member Member id.
	 * @param string $col    Column.
	 * @param int    $n      Delta.
	 */
	private function member_day( $day, $member, $col, $n ) {
		$key = $day . "\0" . $member;
		if ( ! isset( $this->delta['member_day'][ $key ] ) ) {
			$this->delta['member_day'][ $key ] = array(
				'day'     => $day,
				'id'      => $member,
				'posts'   => 0,
				'replies' => 0,
				'accepted' => 0,
				'votes'   => 0,
			);
		}
		$this->delta['member_day'][ $key ][ $col ] += $n;
	}

	/**
	 * Counts (or uncounts) a content contribution.
	 *
	 * @param string $day    Day.
	 * @param int    $bits   Bits.
	 * @param string $space  Space id.
	 * @param string $author Author id.
	 * @param int    $n      +1 or -1.
	 */
	private function count_content( $day, $bits, $space, $author, $n ) {
		$reply = ( $bits & self::BIT_REPLY ) !== 0;
		$col   = $reply ? 'replies' : 'posts';
		$this->daily( $day, $col, $n );
		if ( $bits & self::BIT_QUESTION ) {
			$this->daily( $day, 'questions_asked', $n );
			if ( $bits & self::BIT_RESOLVED ) {
				$this->daily( $day, 'questions_resolved', $n );
			}
		}
		$this->member_day( $day, $author, $col, $n );
		$key = $day . "\0" . $space;
		if ( ! isset( $this->delta['space_day'][ $key ] ) ) {
			$this->delta['space_day'][ $key ] = array(
				'day'     => $day,
				'id'      => $space,
				'posts'   => 0,
				'replies' => 0,
			);
		}
		$this->delta['space_day'][ $key ][ $col ] += $n;
		$key                                        = $day . "\0" . $space . "\0" . $author;
		$this->delta['space_author'][ $key ]        = array(
			'day'    => $day,
			'space'  => $space,
			'author' => $author,
			'items'  => ( $this->delta['space_author'][ $key ]['items'] ?? 0 ) + $n,
		);
	}

	/**
	 * Computes every changed entity's new contribution and records the deltas.
	 */
	private function aggregate() {
		global $wpdb;
		$gen   = Jetonomy_Analytics_Aggregator::generation();
		$since = Jetonomy_Analytics_Aggregator::since();
		$since = null === $since ? PHP_INT_MIN : $since;

		// Redefinitions ripple: a space's kind decides its content's contribution
		// and its questions' acceptances; a content's author and space decide
		// the acceptances that point at it.
		$content = Jetonomy_Analytics_Schema::table( 'content' );
		$accept  = Jetonomy_Analytics_Schema::table( 'accepted' );
		foreach ( array_keys( $this->changed['spaces'] ) as $sid ) {
			$ids = $wpdb->get_col( $wpdb->prepare( "SELECT id FROM $content WHERE space_id = %s", $sid ) ); // phpcs:ignore WordPress.DB
			foreach ( $this->rows['content'] as $cid => $row ) {
				if ( $row && $row['space_id'] === (string) $sid ) {
					$ids[] = $cid;
				}
			}
			foreach ( $ids as $cid ) {
				$this->changed['content'][ $cid ]  = true;
				$this->changed['accepted'][ $cid ] = true;
			}
		}
		foreach ( array_keys( $this->changed['redefined'] ) as $cid ) {
			$cid                               = (string) $cid;
			$this->changed['accepted'][ $cid ] = true;
			$ids                               = $wpdb->get_col( $wpdb->prepare( "SELECT question_id FROM $accept WHERE answer_id = %s", $cid ) ); // phpcs:ignore WordPress.DB
			foreach ( $this->rows['accepted'] as $qid => $row ) {
				if ( $row && $row['answer_id'] === $cid ) {
					$ids[] = $qid;
				}
			}
			foreach ( $ids as $qid ) {
				$this->changed['accepted'][ $qid ] = true;
			}
		}

		// Acceptances first: a question's own contribution depends on them.
		$qids = array_map( 'strval', array_keys( $this->changed['accepted'] ) );
		$this->load( 'accepted', $qids );
		$this->load( 'content', $qids );
		$answers = array();
		foreach ( $qids as $qid ) {
			$a = $this->rows['accepted'][ $qid ];
			if ( $a && null !== $a['answer_id'] ) {
				$answers[] = $a['answer_id'];
			}
		}
		$this->load( 'content', $answers );
		$spaces = array();
		foreach ( $qids as $qid ) {
			$q = $this->rows['content'][ $qid ];
			if ( $q ) {
				$spaces[] = $q['space_id'];
			}
		}
		$this->load( 'spaces', $spaces );
		foreach ( $qids as $qid ) {
			$this->changed['content'][ $qid ] = true;
			$a                                = $this->rows['accepted'][ $qid ];
			if ( ! $a ) {
				continue;
			}
			$day    = null;
			$member = null;
			if ( null !== $a['answer_id'] && $a['decided_at'] >= $since ) {
				$q = $this->rows['content'][ $qid ];
				$s = $q ? $this->row( 'spaces', $q['space_id'] ) : null;
				if ( $s && 1 === $s['kind'] ) {
					$day    = $a['accepted_day'];
					$member = $this->row( 'content', $a['answer_id'] )['author_id'];
				}
			}
			$old_day    = $a['agg_gen'] === $gen ? $a['agg_day'] : null;
			$old_member = $a['agg_gen'] === $gen ? $a['agg_member'] : null;
			if ( $old_day === $day && $old_member === $member && $a['agg_gen'] === $gen ) {
				continue;
			}
			if ( null !== $old_day ) {
				$this->daily( $old_day, 'accepted_answers', -1 );
				$this->member_day( $old_day, $old_member, 'accepted', -1 );
			}
			if ( null !== $day ) {
				$this->daily( $day, 'accepted_answers', 1 );
				$this->member_day( $day, $member, 'accepted', 1 );
			}
			$a['agg_gen']    = $gen;
			$a['agg_day']    = $day;
			$a['agg_member'] = $member;
			$this->put( 'accepted', $qid, $a );
		}

		// Content.
		$cids = array_map( 'strval', array_keys( $this->changed['content'] ) );
		$this->load( 'content', $cids );
		$spaces    = array();
		$questions = array();
		foreach ( $cids as $cid ) {
			$c = $this->rows['content'][ $cid ];
			if ( $c ) {
				$spaces[] = $c['space_id'];
				if ( 0 === $c['kind'] ) {
					$questions[] = $cid;
				}
			}
		}
		$this->load( 'spaces', $spaces );
		$this->load( 'accepted', $questions );
		foreach ( $cids as $cid ) {
			$c = $this->rows['content'][ $cid ];
			if ( ! $c ) {
				continue;
			}
			$day  = null;
			$bits = 0;
			if ( 1 === $c['status'] && $c['status_at'] >= $since ) {
				$day = $c['created_day'];
				if ( 1 === $c['kind'] ) {
					$bits = self::BIT_REPLY;
				} elseif ( 1 === $this->rows['spaces'][ $c['space_id'] ]['kind'] ) {
					$bits = self::BIT_QUESTION;
					$a    = $this->rows['accepted'][ $cid ] ?? false;
					if ( $a && $a['agg_gen'] === $gen && null !== $a['agg_day'] ) {
						$bits |= self::BIT_RESOLVED;
					}
				}
			}
			$counted  = $c['agg_gen'] === $gen && null !== $c['agg_day'];
			$old_day  = $counted ? $c['agg_day'] : null;
			$old_bits = $counted ? $c['agg_bits'] : 0;
			if ( $old_day === $day && $old_bits === $bits && ( null === $day || ( $c['agg_space'] === $c['space_id'] && $c['agg_author'] === $c['author_id'] ) ) ) {
				continue;
			}
			if ( null !== $old_day ) {
				$this->count_content( $old_day, $old_bits, $c['agg_space'], $c['agg_author'], -1 );
			}
			if ( null !== $day ) {
				$this->count_content( $day, $bits, $c['space_id'], $c['author_id'], 1 );
			}
			$c['agg_gen']    = $gen;
			$c['agg_day']    = $day;
			$c['agg_bits']   = $bits;
			$c['agg_space']  = null === $day ? null : $c['space_id'];
			$c['agg_author'] = null === $day ? null : $c['author_id'];
			$this->put( 'content', $cid, $c );
		}

		// Votes.
		foreach ( array_keys( $this->changed['votes'] ) as $vid ) {
			$vid = (string) $vid;
			$v   = $this->rows['votes'][ $vid ];
			$day = ( 1 === $v['is_cast'] && 0 === $v['is_retracted'] && $v['cast_at'] >= $since ) ? $v['cast_day'] : null;
			$up  = 1 === $v['value'] ? 1 : 0;
			$old = $v['agg_gen'] === $gen ? $v['agg_day'] : null;
			if ( $old === $day && ( null === $day || ( $v['agg_up'] === $up && $v['agg_voter'] === $v['voter_id'] ) ) ) {
				continue;
			}
			if ( null !== $old ) {
				$this->daily( $old, $v['agg_up'] ? 'upvotes' : 'downvotes', -1 );
				$this->member_day( $old, $v['agg_voter'], 'votes', -1 );
			}
			if ( null !== $day ) {
				$this->daily( $day, $up ? 'upvotes' : 'downvotes', 1 );
				$this->member_day( $day, $v['voter_id'], 'votes', 1 );
			}
			$v['agg_gen']   = $gen;
			$v['agg_day']   = $day;
			$v['agg_up']    = null === $day ? 0 : $up;
			$v['agg_voter'] = null === $day ? null : $v['voter_id'];
			$this->put( 'votes', $vid, $v );
		}

		// Flags.
		foreach ( array_keys( $this->changed['flags'] ) as $fid ) {
			$fid     = (string) $fid;
			$f       = $this->rows['flags'][ $fid ];
			$day     = null;
			$open    = 0;
			$response_ms = null;
			if ( $f['raised_at'] >= $since ) {
				$day = $f['raised_day'];
				if ( null !== $f['resolved_at'] && $f['resolved_at'] >= $since ) {
					$response_ms = $f['resolved_at'] - $f['raised_at'];
				} else {
					$open = 1;
				}
			}
			$old      = $f['agg_gen'] === $gen ? $f['agg_day'] : null;
			$old_open = $f['agg_gen'] === $gen ? $f['agg_open'] : 0;
			if ( null !== $old ) {
				$this->daily( $old, 'flags_raised', -1 );
				$this->daily( $old, 'flags_open', -$old_open );
				if ( ! $old_open ) {
					$this->delta['response_del'][ $fid ] = true;
				}
			}
			if ( null !== $day ) {
				$this->daily( $day, 'flags_raised', 1 );
				$this->daily( $day, 'flags_open', $open );
				if ( ! $open ) {
					unset( $this->delta['response_del'][ $fid ] );
					$this->delta['response_set'][ $fid ] = array( $day, $response_ms );
				}
			}
			$f['agg_gen']  = $gen;
			$f['agg_day']  = $day;
			$f['agg_open'] = $open;
			$this->put( 'flags', $fid, $f );
		}

		// Members.
		foreach ( array_keys( $this->changed['members'] ) as $mid ) {
			$mid = (string) $mid;
			$m   = $this->rows['members'][ $mid ];
			$day = $m['joined_at'] >= $since ? $m['joined_day'] : null;
			$old = $m['agg_gen'] === $gen ? $m['agg_day'] : null;
			if ( $old === $day && $m['agg_gen'] === $gen ) {
				continue;
			}
			if ( null !== $old ) {
				$this->daily( $old, 'new_members', -1 );
			}
			if ( null !== $day ) {
				$this->daily( $day, 'new_members', 1 );
			}
			$m['agg_gen'] = $gen;
			$m['agg_day'] = $day;
			$this->put( 'members', $mid, $m );
		}

		// Automod triggers.
		foreach ( $this->automod as $i => $a ) {
			if ( $a['at'] >= $since ) {
				$this->daily( $a['day'], 'automod', 1 );
				$this->automod[ $i ]['agg_gen'] = $gen;
			}
		}
	}

	// ---- Writing back ----

	/**
	 * Writes state rows, seen ids, held events, automod rows and rollup deltas.
	 *
	 * @param string[] $fresh Hashes of the ids accepted (applied or held) in this batch.
	 */
	private function write( array $fresh ) {
		global $wpdb;
		foreach ( self::COLUMNS as $table => $columns ) {
			if ( ! $this->dirty[ $table ] ) {
				continue;
			}
			$rows = array();
			foreach ( array_keys( $this->dirty[ $table ] ) as $id ) {
				$rows[] = $this->rows[ $table ][ $id ];
			}
			$update = array();
			foreach ( array_keys( $columns ) as $col ) {
				$update[] = "$col = VALUES($col)";
			}
			$this->insert_rows( Jetonomy_Analytics_Schema::table( $table ), $columns, $rows, 'ON DUPLICATE KEY UPDATE ' . implode( ', ', $update ) );
		}

		$this->insert_rows(
			Jetonomy_Analytics_Schema::table( 'seen' ),
			array( 'id_hash' => 'H' ),
			array_map(
				static function ( $h ) {
					return array( 'id_hash' => $h );
				},
				$fresh
			),
			''
		);

		$held_table = Jetonomy_Analytics_Schema::table( 'held' );
		foreach ( array_chunk( $this->held_delete, self::CHUNK ) as $chunk ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM $held_table WHERE seq IN (" . implode( ',', array_fill( 0, count( $chunk ), '%d' ) ) . ')', $chunk ) ); // phpcs:ignore WordPress.DB
		}
		$held = array();
		foreach ( $this->waiting as $kind => $by_id ) {
			foreach ( $by_id as $id => $list ) {
				foreach ( $list as $item ) {
					if ( null === $item['seq'] ) {
						$held[] = array(
							'wait_kind' => $kind,
							'wait_id'   => (string) $id,
							'body'      => wp_json_encode( $item['event'] ),
						);
					}
				}
			}
		}
		$this->insert_rows(
			$held_table,
			array(
				'wait_kind' => 'd',
				'wait_id'   => 's',
				'body'      => 's',
			),
			$held,
			''
		);

		$this->insert_rows(
			Jetonomy_Analytics_Schema::table( 'automod' ),
			array(
				'rule_id'    => 's',
				'content_id' => 's',
				'at'         => 'd',
				'day'        => 'D',
				'agg_gen'    => 'd',
			),
			$this->automod,
			''
		);

		$this->write_rollups();
	}

	/**
	 * Writes the rollup deltas (counters += delta).
	 */
	private function write_rollups() {
		global $wpdb;
		$cols = array( 'posts', 'replies', 'questions_asked', 'questions_resolved', 'upvotes', 'downvotes', 'accepted_answers', 'new_members', 'flags_raised', 'flags_open', 'automod' );
		$rows = array();
		foreach ( $this->delta['daily'] as $day => $deltas ) {
			$row = array( 'day' => (string) $day );
			$any = false;
			foreach ( $cols as $col ) {
				$row[ $col ] = $deltas[ $col ] ?? 0;
				$any         = $any || 0 !== $row[ $col ];
			}
			if ( $any ) {
				$rows[] = $row;
			}
		}
		$spec = array( 'day' => 'D' );
		$upd  = array();
		foreach ( $cols as $col ) {
			$spec[ $col ] = 'd';
			$upd[]        = "$col = $col + VALUES($col)";
		}
		$this->insert_rows( Jetonomy_Analytics_Schema::table( 'agg_daily' ), $spec, $rows, 'ON DUPLICATE KEY UPDATE ' . implode( ', ', $upd ) );

		// Member days, and the same deltas summed per month for the month blocks.
		$rows   = array();
		$months = array();
		foreach ( $this->delta['member_day'] as $r ) {
			if ( $r['posts'] || $r['replies'] || $r['accepted'] || $r['votes'] ) {
				$rows[] = array_values( $r );
				$month  = substr( $r['day'], 0, 8 ) . '01';
				$key    = $month . "\0" . $r['id'];
				if ( isset( $months[ $key ] ) ) {
					$months[ $key ][2] += $r['posts'];
					$months[ $key ][3] += $r['replies'];
					$months[ $key ][4] += $r['accepted'];
					$months[ $key ][5] += $r['votes'];
				} else {
					$months[ $key ] = array( $month, $r['id'], $r['posts'], $r['replies'], $r['accepted'], $r['votes'] );
				}
			}
		}
		$member_columns = array(
			'member_id' => 's',
			'posts'     => 'd',
			'replies'   => 'd',
			'accepted'  => 'd',
			'votes'     => 'd',
		);
		$member_update  = 'ON DUPLICATE KEY UPDATE posts = posts + VALUES(posts), replies = replies + VALUES(replies), accepted = accepted + VALUES(accepted), votes = votes + VALUES(votes)';
		$this->insert_rows( Jetonomy_Analytics_Schema::table( 'agg_member_day' ), array( 'day' => 'D' ) + $member_columns, $rows, $member_update );
		$this->insert_rows( Jetonomy_Analytics_Schema::table( 'agg_member_month' ), array( 'month' => 'D' ) + $member_columns, array_values( $months ), $member_update );

		$rows = array();
		foreach ( $this->delta['space_day'] as $r ) {
			if ( $r['posts'] || $r['replies'] ) {
				$rows[] = array_values( $r );
			}
		}
		$this->insert_rows(
			Jetonomy_Analytics_Schema::table( 'agg_space_day' ),
			array(
				'day'      => 'D',
				'space_id' => 's',
				'posts'    => 'd',
				'replies'  => 'd',
			),
			$rows,
			'ON DUPLICATE KEY UPDATE posts = posts + VALUES(posts), replies = replies + VALUES(replies)'
		);

		$rows   = array();
		$months = array();
		foreach ( $this->delta['space_author'] as $r ) {
			if ( $r['items'] ) {
				$rows[] = array_values( $r );
				$month  = substr( $r['day'], 0, 8 ) . '01';
				$key    = $month . "\0" . $r['space'] . "\0" . $r['author'];
				if ( isset( $months[ $key ] ) ) {
					$months[ $key ][3] += $r['items'];
				} else {
					$months[ $key ] = array( $month, $r['space'], $r['author'], $r['items'] );
				}
			}
		}
		$author_columns = array(
			'space_id'  => 's',
			'author_id' => 's',
			'items'     => 'd',
		);
		$this->insert_rows( Jetonomy_Analytics_Schema::table( 'agg_space_author_day' ), array( 'day' => 'D' ) + $author_columns, $rows, 'ON DUPLICATE KEY UPDATE items = items + VALUES(items)' );
		$this->insert_rows( Jetonomy_Analytics_Schema::table( 'agg_space_author_month' ), array( 'month' => 'D' ) + $author_columns, array_values( $months ), 'ON DUPLICATE KEY UPDATE items = items + VALUES(items)' );

		$response = Jetonomy_Analytics_Schema::table( 'agg_flag_response' );
		$del      = array_map( 'strval', array_keys( $this->delta['response_del'] ) );
		foreach ( array_chunk( $del, self::CHUNK ) as $chunk ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM $response WHERE flag_id IN (" . implode( ',', array_fill( 0, count( $chunk ), '%s' ) ) . ')', $chunk ) ); // phpcs:ignore WordPress.DB
		}
		$rows = array();
		foreach ( $this->delta['response_set'] as $fid => $r ) {
			$rows[] = array( (string) $fid, $r[0], $r[1] );
		}
		$this->insert_rows(
			$response,
			array(
				'flag_id'     => 's',
				'raised_day'  => 'D',
				'response_ms' => 'd',
			),
			$rows,
			'ON DUPLICATE KEY UPDATE raised_day = VALUES(raised_day), response_ms = VALUES(response_ms)'
		);
	}

	/**
	 * Multi-row INSERT: one `$wpdb->prepare()` per statement of up to CHUNK
	 * rows and about STATEMENT_BYTES of values, NULL written as NULL.
	 *
	 * Column types: 's' is a string placeholder (%s): every id, name and URL,
	 * which come from events. 'd' is an integer, 'D' a calendar date
	 * (`YYYY-MM-DD`) and 'H' a binary hash (an event id's md5) that the
	 * plugin itself computed: these are written into the statement as
	 * literals, an integer through an `(int)` cast, a date only after it
	 * matched the date pattern and a hash as hexadecimal digits (X'…'), so
	 * nothing from the request reaches the SQL but through a placeholder. prepare() costs about a
	 * microsecond per argument (escaping, the placeholder-escape hook check
	 * for each one); over half of a batch's values are integers and dates, and
	 * passing them as arguments made the escaping most of an ingest's PHP time.
	 *
	 * @param string $table   Full table name.
	 * @param array  $columns Column => type ('s', 'd' or 'D').
	 * @param array  $rows    Rows (assoc by column, or lists in column order).
	 * @param string $suffix  ON DUPLICATE KEY UPDATE … or ''.
	 * @throws RuntimeException When the database refuses the statement, or a 'D' value is not a date.
	 */
	private function insert_rows( $table, array $columns, array $rows, $suffix ) {
		global $wpdb;
		if ( ! $rows ) {
			return;
		}
		$names = array_keys( $columns );
		$types = array_values( $columns );
		$head  = "INSERT INTO $table (" . implode( ',', $names ) . ') VALUES ';
		$tail  = '' === $suffix ? '' : ' ' . $suffix;
		$parts = array();
		$args  = array();
		$bytes = 0;
		$last  = count( $rows ) - 1;
		foreach ( array_values( $rows ) as $n => $row ) {
			$format = array();
			foreach ( $names as $i => $col ) {
				// Associative rows by column name (their key order varies); lists by position.
				$v = array_key_exists( $col, $row ) ? $row[ $col ] : ( $row[ $i ] ?? null );
				if ( null === $v ) {
					$format[] = 'NULL';
				} elseif ( 'd' === $types[ $i ] ) {
					$format[] = (string) (int) $v;
				} elseif ( 'D' === $types[ $i ] ) {
					$format[] = $this->date_literal( $v );
				} elseif ( 'H' === $types[ $i ] ) {
					$format[] = self::hex_literal( $v );
				} else {
					$format[] = '%s';
					$args[]   = $v;
					$bytes   += strlen( (string) $v );
				}
			}
			$parts[] = '(' . implode( ',', $format ) . ')';
			$bytes  += 16 * count( $names );
			if ( $n === $last || count( $parts ) >= self::CHUNK || $bytes >= self::STATEMENT_BYTES ) {
				$sql = $head . implode( ',', $parts ) . $tail;
				// phpcs:ignore WordPress.DB -- integers and checked dates inline (see above), every string a placeholder.
				$result = $wpdb->query( $args ? $wpdb->prepare( $sql, $args ) : $sql );
				if ( false === $result ) {
					throw new RuntimeException( 'Jetonomy Analytics: writing ' . $table . ' failed: ' . $wpdb->last_error );
				}
				$parts = array();
				$args  = array();
				$bytes = 0;
			}
		}
	}

	/**
	 * Binary data as an SQL hexadecimal literal (X'…'): only hex digits reach the statement.
	 *
	 * @param string $bytes Binary string.
	 * @return string
	 */
	private static function hex_literal( $bytes ) {
		return "X'" . bin2hex( $bytes ) . "'";
	}

	/**
	 * Dates already checked, as SQL literals.
	 *
	 * @var array<string, string>
	 */
	private $date_literals = array();

	/**
	 * A `YYYY-MM-DD` date as a quoted SQL literal, after checking its form.
	 *
	 * @param string $day The date.
	 * @return string
	 * @throws RuntimeException When it is not a date of that form.
	 */
	private function date_literal( $day ) {
		if ( isset( $this->date_literals[ $day ] ) ) {
			return $this->date_literals[ $day ];
		}
		if ( ! is_string( $day ) || 1 !== preg_match( '/^\d{4}-\d{2}-\d{2}$/D', $day ) ) {
			throw new RuntimeException( 'Jetonomy Analytics: not a calendar date: ' . wp_json_encode( $day ) );
		}
		$this->date_literals[ $day ] = "'" . $day . "'";
		return $this->date_literals[ $day ];
	}
}
